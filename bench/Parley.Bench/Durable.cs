using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace Parley.Bench;

/// <summary>
/// The storage limit on this machine, as the second baseline: Kestrel, the send URL, the JSON body parsed once
/// (<see cref="JsonDocument"/>), one row per request inserted by a single writer thread that group-commits everything
/// queued (one transaction, WAL, <c>synchronous=FULL</c>) before answering, and a Cloud-API-like answer. Nothing
/// else: no auth, no validation, no dispatch. Parley's accept path is measured against this as well as bare Kestrel.
/// </summary>
internal static class Durable
{
    public static async Task RunAsync(string[] args)
    {
        var builder = WebApplication.CreateSlimBuilder(args);
        builder.Logging.ClearProviders();
        var data = builder.Configuration["data"] ?? throw new ArgumentException("durable needs --data PATH (a folder for its SQLite file).");
        Directory.CreateDirectory(data);
        using var writer = new GroupCommitWriter(Path.Combine(data, "durable.db"));

        var app = builder.Build();
        app.MapPost("/{version}/{phoneNumberId}/messages", (RequestDelegate)(context => AcceptAsync(context, writer)));
        AllocationProbe.Start();
        await app.RunAsync();
    }

    private static async Task AcceptAsync(HttpContext context, GroupCommitWriter writer)
    {
        string to;
        string body;
        using (var document = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted))
        {
            var root = document.RootElement;
            to = root.TryGetProperty("to", out var recipient) ? recipient.GetString() ?? "" : "";
            body = root.GetRawText();
        }

        var id = await writer.InsertAsync((string)context.Request.RouteValues["phoneNumberId"]!, to, body);

        var response = context.Response;
        response.ContentType = "application/json";
        await using var json = new Utf8JsonWriter(response.Body);
        json.WriteStartObject();
        json.WriteString("messaging_product", "whatsapp");
        json.WriteStartArray("contacts");
        json.WriteStartObject();
        json.WriteString("input", to);
        json.WriteString("wa_id", to);
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteStartArray("messages");
        json.WriteStartObject();
        json.WriteString("id", id);
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteEndObject();
        await json.FlushAsync(context.RequestAborted);
    }

    /// <summary>One thread, one connection: takes every queued insert, commits them in one transaction, then answers all.</summary>
    private sealed class GroupCommitWriter : IDisposable
    {
        private readonly BlockingCollection<Pending> _queue = [];
        private readonly Thread _thread;
        private readonly SqliteConnection _connection;
        private long _next;

        public GroupCommitWriter(string path)
        {
            SQLitePCL.Batteries_V2.Init();
            _connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
            _connection.Open();
            using (var setup = _connection.CreateCommand())
            {
                setup.CommandText = """
                    PRAGMA journal_mode = WAL;
                    PRAGMA synchronous = FULL;
                    CREATE TABLE IF NOT EXISTS messages (
                        id TEXT PRIMARY KEY, phone_number_id TEXT NOT NULL, recipient TEXT NOT NULL, payload TEXT NOT NULL, created_at INTEGER NOT NULL);
                    """;
                setup.ExecuteNonQuery();
            }

            _thread = new Thread(Run) { IsBackground = true, Name = "durable writer" };
            _thread.Start();
        }

        public Task<string> InsertAsync(string phoneNumberId, string to, string payload)
        {
            var id = "wamid.durable" + Interlocked.Increment(ref _next).ToString("D12", System.Globalization.CultureInfo.InvariantCulture);
            var pending = new Pending(id, phoneNumberId, to, payload, new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously));
            _queue.Add(pending);
            return pending.Completion.Task;
        }

        public void Dispose()
        {
            _queue.CompleteAdding();
            _thread.Join(TimeSpan.FromSeconds(5));
            _connection.Dispose();
            _queue.Dispose();
        }

        private void Run()
        {
            using var insert = _connection.CreateCommand();
            insert.CommandText = "INSERT INTO messages (id, phone_number_id, recipient, payload, created_at) VALUES ($id, $phone, $to, $payload, $at)";
            var id = insert.Parameters.Add("$id", SqliteType.Text);
            var phone = insert.Parameters.Add("$phone", SqliteType.Text);
            var to = insert.Parameters.Add("$to", SqliteType.Text);
            var payload = insert.Parameters.Add("$payload", SqliteType.Text);
            var at = insert.Parameters.Add("$at", SqliteType.Integer);
            var batch = new List<Pending>();
            foreach (var first in _queue.GetConsumingEnumerable())
            {
                batch.Add(first);
                while (_queue.TryTake(out var more))
                {
                    batch.Add(more);
                }

                try
                {
                    using var transaction = _connection.BeginTransaction();
                    insert.Transaction = transaction;
                    var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
                    foreach (var pending in batch)
                    {
                        (id.Value, phone.Value, to.Value, payload.Value, at.Value) = (pending.Id, pending.PhoneNumberId, pending.To, pending.Payload, now);
                        insert.ExecuteNonQuery();
                    }
                    transaction.Commit();
                    batch.ForEach(pending => pending.Completion.SetResult(pending.Id));
                }
                catch (SqliteException e)
                {
                    batch.ForEach(pending => pending.Completion.SetException(e));
                }

                batch.Clear();
            }
        }

        private sealed record Pending(string Id, string PhoneNumberId, string To, string Payload, TaskCompletionSource<string> Completion);
    }
}
