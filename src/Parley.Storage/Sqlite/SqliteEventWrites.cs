using System.Text;
using Microsoft.Data.Sqlite;
using Parley.Core.Model;

namespace Parley.Storage.Sqlite;

/// <summary>
/// What applying a list of events writes, gathered and then written at once on the writer: each message moves to its
/// last status in one update (the dispatch claim released in the same one), the status history and the outbox rows go
/// in as multi-row inserts. Nothing the events read in between depends on these rows: a message's row is read once,
/// before any of its statuses is applied, and the rest of its state is carried in memory.
/// </summary>
internal sealed class SqliteEventWrites(SqliteConnection connection, SqliteSubscriptions subscriptions, long now)
{
    /// <summary>Rows per insert statement: a few statement texts cover every batch, each prepared once.</summary>
    private const int MaxRows = 32;

    private static readonly Rows History = new(
        "INSERT INTO message_statuses (message_id, status, at, error) VALUES ", ["$m", "$s", "$a", "$e"], "");

    private static readonly Rows Outbox = new(
        "INSERT INTO webhook_outbox (subscription_id, channel_id, kind, payload, created_at, next_attempt_at) VALUES ", ["$i", "$c", "$k", "$p"], ", $now, $now");

    private const string Update = "UPDATE messages SET status = $status, error = COALESCE($error, error), updated_at = $at WHERE id = $id";

    /// <summary><see cref="Update"/> and the release of the job's claim, while the claim is still the job's.</summary>
    private const string UpdateAndRelease =
        """
        UPDATE messages SET status = $status, error = COALESCE($error, error), updated_at = $at,
            due_at = CASE WHEN claim = $lease THEN NULL ELSE due_at END,
            claimed_until = CASE WHEN claim = $lease THEN 0 ELSE claimed_until END,
            claim = CASE WHEN claim = $lease THEN 0 ELSE claim END
        WHERE id = $id
        """;

    private const string Release = "UPDATE messages SET due_at = NULL, claimed_until = 0, claim = 0 WHERE id = $id AND claim = $lease";

    private readonly Dictionary<string, (int Status, string? Error, long At)> _messages = new(StringComparer.Ordinal);
    private readonly List<(string MessageId, int Status, long At, string? Error)> _history = [];
    private readonly List<(string Subscription, string Channel, string Kind, string Payload)> _outbox = [];
    private HashSet<string>? _priced;

    /// <summary>The message advances to <paramref name="status"/>: its row's status, its last error, and a history row.</summary>
    public void Advance(StatusEvent status, string? error)
    {
        var at = status.At.Ms();
        _messages[status.MessageId] = _messages.TryGetValue(status.MessageId, out var earlier)
            ? ((int)status.Status, error ?? earlier.Error, at)
            : ((int)status.Status, error, at);
        _history.Add((status.MessageId, (int)status.Status, at, error));
    }

    /// <summary>
    /// Whether the message's pricing is still to be recorded in these writes: a message is priced once (the insert
    /// ignores a second pricing), so the later pricings of the same message need no statement.
    /// </summary>
    public bool FirstPricing(string messageId) => (_priced ??= new(StringComparer.Ordinal)).Add(messageId);

    /// <summary>An outbox row of kind <paramref name="stored"/> for every subscription of the channel that wants <paramref name="kind"/>.</summary>
    public void FanOut(string channelId, string kind, string stored, string payload)
    {
        foreach (var subscription in subscriptions.Of(connection, channelId, kind))
        {
            _outbox.Add((subscription, channelId, stored, payload));
        }
    }

    /// <summary>Writes everything gathered, in the order the events came; releases the completed job's claim.</summary>
    public void Flush(SqliteCompletion? completion)
    {
        var released = completion is null;
        foreach (var (id, (status, error, at)) in _messages)
        {
            if (completion is not null && id == completion.MessageId)
            {
                connection.Execute(UpdateAndRelease, ("$id", id), ("$status", status), ("$error", error), ("$at", at), ("$lease", completion.Lease));
                released = true;
            }
            else
            {
                connection.Execute(Update, ("$id", id), ("$status", status), ("$error", error), ("$at", at));
            }
        }
        if (!released)
        {
            connection.Execute(Release, ("$id", completion!.MessageId), ("$lease", completion.Lease));
        }
        History.Insert(connection, _history, static (row, i, args) =>
        {
            args[i] = new(History.Names[0][i / 4], row.MessageId, System.Data.DbType.String);
            args[i + 1] = new(History.Names[1][i / 4], row.Status, System.Data.DbType.Int32);
            args[i + 2] = new(History.Names[2][i / 4], row.At, System.Data.DbType.Int64);
            args[i + 3] = new(History.Names[3][i / 4], row.Error, System.Data.DbType.String);
        });
        Outbox.Insert(connection, _outbox, (row, i, args) =>
        {
            args[i] = new(Outbox.Names[0][i / 4], row.Subscription, System.Data.DbType.String);
            args[i + 1] = new(Outbox.Names[1][i / 4], row.Channel, System.Data.DbType.String);
            args[i + 2] = new(Outbox.Names[2][i / 4], row.Kind, System.Data.DbType.String);
            args[i + 3] = new(Outbox.Names[3][i / 4], row.Payload, System.Data.DbType.String);
        }, ("$now", now));
    }

    /// <summary>A multi-row insert of four parameters a row, its statement texts built once per row count.</summary>
    private sealed class Rows
    {
        private readonly string[] _sql = new string[MaxRows + 1];

        public Rows(string head, string[] prefixes, string tail)
        {
            Names = [.. prefixes.Select(p => Enumerable.Range(0, MaxRows).Select(i => p + i).ToArray())];
            for (var n = 1; n <= MaxRows; n++)
            {
                var sql = new StringBuilder(head);
                for (var i = 0; i < n; i++)
                {
                    sql.Append(i == 0 ? "(" : ", (").AppendJoin(", ", Names.Select(names => names[i])).Append(tail).Append(')');
                }
                _sql[n] = sql.ToString();
            }
        }

        /// <summary>The parameter names of each column, by row: <c>Names[column][row]</c>.</summary>
        public string[][] Names { get; }

        public void Insert<T>(SqliteConnection connection, List<T> rows, Action<T, int, SqlArg[]> bind, params SqlArg[] shared)
        {
            for (var start = 0; start < rows.Count; start += MaxRows)
            {
                var count = Math.Min(MaxRows, rows.Count - start);
                var args = new SqlArg[count * 4 + shared.Length];
                for (var row = 0; row < count; row++)
                {
                    bind(rows[start + row], row * 4, args);
                }
                shared.CopyTo(args, count * 4);
                connection.Execute(_sql[count], args);
            }
        }
    }
}
