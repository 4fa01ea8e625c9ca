using Parley.Core.Model;

namespace Parley.Storage.Sqlite;

/// <summary>
/// A dispatch job's completion as the writer applies it. The job knows its message's recipient, recipient type and
/// opaque data, so its statuses are rendered before the write, off the single writer thread; the writer uses a
/// rendering when the state it reads agrees with the job's and the recipient is no known user (whose identities
/// would go into the payload), and renders the status itself otherwise.
/// </summary>
internal sealed class SqliteCompletion
{
    private readonly OutboundMessage _message;
    private readonly string?[] _rendered;

    public SqliteCompletion(DispatchJob job, IReadOnlyList<UpstreamEvent> events)
    {
        _message = job.Message;
        Lease = job.LeaseUntil.Ms();
        _rendered = new string?[events.Count];
        for (var i = 0; i < events.Count; i++)
        {
            if (events[i] is StatusEvent status && status.MessageId == _message.Id)
            {
                _rendered[i] = CanonicalEvents.Status(status, _message.To, null, _message.RecipientType, _message.BizOpaqueCallbackData);
            }
        }
    }

    public string MessageId => _message.Id;

    /// <summary>The job's claim: the message is released only while the claim is still this one.</summary>
    public long Lease { get; }

    /// <summary>The payload of event <paramref name="index"/> rendered ahead, if it is what the writer would render from <paramref name="current"/>.</summary>
    public string? Rendered(int index, SqliteEvents.OutboundState current) =>
        current.User is null && current.Peer == _message.To && current.RecipientType == _message.RecipientType && current.Opaque == _message.BizOpaqueCallbackData
            ? _rendered[index]
            : null;
}
