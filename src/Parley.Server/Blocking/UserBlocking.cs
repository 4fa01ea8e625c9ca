using Parley.Core;
using Parley.Core.Blocking;
using Parley.Core.Errors;
using Parley.Core.Model;
using Parley.Core.Phones;
using Parley.Core.Users;
using Parley.Server.Upstreams;
using Parley.Storage;

namespace Parley.Server.Blocking;

/// <summary>What happened to one user of a block or unblock request: as given, the WhatsApp id it names, and the error when it failed.</summary>
internal sealed record BlockResult(string Input, string? WaId, WhatsAppError? Error)
{
    public bool Succeeded => Error is null;
}

/// <summary>
/// Blocking and unblocking users of a business number, for every dialect (<see cref="BlockRules"/>). A user is named by
/// phone number or BSUID and found by any identity the channel knows (<see cref="IUserStore"/>); blocking needs them to
/// have written in the last 24 hours on the clock of the network the channel sends through. Each user succeeds or fails
/// alone. What a block does — the network drops the user's messages and fails the business's with 130403 — is the
/// network's: the sandbox reads <see cref="IBlockStore"/>. A channel whose upstream keeps its blocklist (Meta) has every
/// change made there (<see cref="IRemoteBlocklist"/>), and what the upstream did is mirrored in <see cref="IBlockStore"/>
/// so what reads the blocklist locally stays right.
/// </summary>
internal sealed class UserBlocking(
    IBlockStore blocks, IUserStore users, IMessageStore messages, UpstreamRegistry upstreams, IEnumerable<IRemoteBlocklists> remotes)
{
    /// <summary>The blocklist the channel's upstream keeps, or null when Parley keeps it.</summary>
    public IRemoteBlocklist? RemoteFor(Channel channel) => remotes.Select(r => r.ForChannel(channel)).FirstOrDefault(b => b is not null);

    /// <summary>The results per user in the order given, or the request's own error (too many users).</summary>
    public async Task<Outcome<IReadOnlyList<BlockResult>>> BlockAsync(Channel channel, IReadOnlyList<string> inputs, CancellationToken cancellationToken)
    {
        if (inputs.Count > BlockRules.MaxUsersPerRequest)
        {
            return BlockRules.TooManyUsers(inputs.Count);
        }
        if (RemoteFor(channel) is { } remote)
        {
            return await RelayAsync(channel, remote, inputs, block: true, cancellationToken);
        }
        var now = upstreams.NowFor(channel);
        var results = new BlockResult?[inputs.Count];
        var toBlock = new List<(int Index, string Input, BlockedUser User)>();
        for (var i = 0; i < inputs.Count; i++)
        {
            var input = inputs[i];
            var identity = Identify(channel, input);
            if (!identity.Succeeded)
            {
                results[i] = new BlockResult(input, null, identity.Error);
                continue;
            }
            var user = await users.FindAsync(channel.PhoneNumberId, identity.Value, cancellationToken);
            if (user is null || !BlockRules.CanBlock(await messages.GetLastInboundAsync(channel.PhoneNumberId, identity.Value, cancellationToken), now))
            {
                results[i] = new BlockResult(input, user?.Peer, BlockRules.ReEngagementRequired());
                continue;
            }
            toBlock.Add((i, input, new BlockedUser(user.Peer, user.UserId, now)));
        }
        if (toBlock.Count > 0)
        {
            var blocked = await blocks.BlockAsync(channel.PhoneNumberId, [.. toBlock.Select(b => b.User)], BlockRules.MaxBlocklistSize, cancellationToken);
            for (var j = 0; j < toBlock.Count; j++)
            {
                var (index, input, user) = toBlock[j];
                results[index] = new BlockResult(input, user.WaId, blocked[j] ? null : BlockRules.BlocklistFull());
            }
        }
        return Outcome<IReadOnlyList<BlockResult>>.Success([.. results.Select(r => r!)]);
    }

    /// <summary>Unblocks the users (unblocking has no 24-hour rule; a user who was not blocked is unblocked all the same).</summary>
    public async Task<Outcome<IReadOnlyList<BlockResult>>> UnblockAsync(Channel channel, IReadOnlyList<string> inputs, CancellationToken cancellationToken)
    {
        if (inputs.Count > BlockRules.MaxUsersPerRequest)
        {
            return BlockRules.TooManyUsers(inputs.Count);
        }
        if (RemoteFor(channel) is { } remote)
        {
            return await RelayAsync(channel, remote, inputs, block: false, cancellationToken);
        }
        var results = new List<BlockResult>(inputs.Count);
        var identities = new List<string>();
        foreach (var input in inputs)
        {
            var identity = Identify(channel, input);
            if (!identity.Succeeded)
            {
                results.Add(new BlockResult(input, null, identity.Error));
                continue;
            }
            var user = await users.FindAsync(channel.PhoneNumberId, identity.Value, cancellationToken);
            identities.Add(identity.Value);
            results.Add(new BlockResult(input, user?.Peer ?? identity.Value, null));
        }
        if (identities.Count > 0)
        {
            await blocks.UnblockAsync(channel.PhoneNumberId, identities, cancellationToken);
        }
        return Outcome<IReadOnlyList<BlockResult>>.Success(results);
    }

    /// <summary>The change made by the upstream, then mirrored: the users it blocked (or unblocked) by the WhatsApp id it answered.</summary>
    private async Task<Outcome<IReadOnlyList<BlockResult>>> RelayAsync(
        Channel channel, IRemoteBlocklist remote, IReadOnlyList<string> inputs, bool block, CancellationToken cancellationToken)
    {
        var results = await remote.ChangeAsync(inputs, block, cancellationToken);
        if (!results.Succeeded)
        {
            return results;
        }
        var done = results.Value!.Where(r => r.Succeeded && !string.IsNullOrEmpty(r.WaId)).Select(r => r.WaId!).Distinct().ToList();
        if (done.Count == 0)
        {
            return results;
        }
        if (!block)
        {
            await blocks.UnblockAsync(channel.PhoneNumberId, done, cancellationToken);
            return results;
        }
        var now = upstreams.NowFor(channel);
        var mirrored = new List<BlockedUser>(done.Count);
        foreach (var waId in done)
        {
            var user = await users.FindAsync(channel.PhoneNumberId, waId, cancellationToken);
            mirrored.Add(new BlockedUser(waId, user?.UserId, now));
        }
        // The upstream keeps the limit; the mirror holds whatever it blocked.
        await blocks.BlockAsync(channel.PhoneNumberId, mirrored, int.MaxValue, cancellationToken);
        return results;
    }

    /// <summary>The identity a user is given by: a BSUID as it is, a phone number normalized; never the business's own number.</summary>
    private static Outcome<string> Identify(Channel channel, string input)
    {
        var text = input.Trim();
        if (Bsuid.IsValid(text))
        {
            return text;
        }
        var number = PhoneNumbers.Normalize(text, channel.CountryCallingCode);
        if (!number.Succeeded || text.Length == 0)
        {
            return BlockRules.NotAUser(input);
        }
        return number.Value == PhoneNumbers.DigitsOf(channel.DisplayPhoneNumber) ? BlockRules.SelfBlock() : number;
    }
}
