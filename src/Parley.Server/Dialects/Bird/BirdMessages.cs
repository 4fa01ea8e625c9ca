using Parley.Core.Model;
using Parley.Storage;

namespace Parley.Server.Dialects.Bird;

/// <summary>Loads Channels messages: a Channels id's canonical parts with their histories, and the Channels id of canonical messages.</summary>
internal sealed class BirdMessages(IBirdDialectStore dialect, IMessageStore messages)
{
    /// <summary>The message with this Channels id on the channel, or null.</summary>
    public async Task<BirdMessage?> GetAsync(string phoneNumberId, string id, CancellationToken cancellationToken)
    {
        var wamids = await dialect.PartsAsync(phoneNumberId, id, cancellationToken);
        if (wamids.Count == 0)
        {
            return null;
        }
        var record = await dialect.GetMessageAsync(phoneNumberId, id, cancellationToken);
        return await LoadAsync(phoneNumberId, id, record, wamids, cancellationToken);
    }

    /// <summary>The Channels message a canonical message belongs to (giving it an id when it has none), or null when the wamid is unknown.</summary>
    public async Task<(BirdMessage Message, BirdMessageRef Ref)?> OfWamidAsync(string phoneNumberId, string wamid, CancellationToken cancellationToken)
    {
        var refs = await dialect.IdsOfAsync(phoneNumberId, [wamid], cancellationToken);
        var reference = refs[wamid];
        var message = reference.Parts == 1
            ? await LoadAsync(phoneNumberId, reference.Id, await dialect.GetMessageAsync(phoneNumberId, reference.Id, cancellationToken), [wamid], cancellationToken)
            : await GetAsync(phoneNumberId, reference.Id, cancellationToken);
        return message is null ? null : (message, reference);
    }

    public async Task<BirdMessage?> LoadAsync(
        string phoneNumberId, string id, BirdMessageRecord? record, IReadOnlyList<string> wamids, CancellationToken cancellationToken)
    {
        var parts = new List<StoredMessage>(wamids.Count);
        var histories = new List<IReadOnlyList<StatusChange>>(wamids.Count);
        foreach (var wamid in wamids)
        {
            if (await messages.GetAsync(phoneNumberId, wamid, cancellationToken) is not { } part)
            {
                continue; // a planned part never accepted (refused or lost to a crash part-way through the send)
            }
            parts.Add(part);
            histories.Add(part.Direction == MessageDirection.Outbound ? await messages.GetHistoryAsync(wamid, cancellationToken) : []);
        }
        return parts.Count == 0 ? null : new BirdMessage(id, record, parts, histories);
    }
}
