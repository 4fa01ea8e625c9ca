using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Parley.Core.Groups;
using Parley.Core.Ids;
using Parley.Core.Model;
using Parley.Core.Users;
using Parley.Server.Messaging;
using Parley.Server.Tests.Admin;
using Parley.Storage;

namespace Parley.Server.Tests.Infrastructure;

/// <summary>
/// What happens in a channel's groups, for the webhook formats' tests: the business's calls through the Groups API
/// (<see cref="Groups.GroupKit"/>), and what WhatsApp and its users do — joining, a suspension, a post, a status —
/// recorded as the simulated network records it: each change with its canonical webhook event through the group
/// store, each post and status through ingest. Then wakes the webhook sender.
/// </summary>
public static class GroupWebhookKit
{
    /// <summary>A new group of the demo channel, created through the Groups API (its <c>group_create</c> event follows).</summary>
    public static async Task<Group> CreateAsync(ParleyFactory parley, HttpClient client, string subject = "Watch Enthusiasts")
    {
        var id = await Groups.GroupKit.CreateAsync(client, subject);
        return (await Store(parley).GetAsync(id, CancellationToken.None)).ShouldNotBeNull();
    }

    /// <summary>The user joins through the invite link (<c>group_participants_add</c>).</summary>
    public static async Task JoinAsync(ParleyFactory parley, Group group, string waId)
    {
        var now = Now(parley);
        var added = GroupEvents.ParticipantsAdded(group.Id, now, [new GroupEventParticipant(null, waId)]);
        (await Store(parley).AddParticipantAsync(new GroupParticipant(group.Id, waId, null, now), GroupRules.MaxParticipants,
            [new(EventKinds.GroupParticipants, added)], now, CancellationToken.None)).ShouldBe(ParticipantAdded.Added);
        Notify(parley);
    }

    /// <summary>The business renames the group through the Groups API (<c>group_settings_update</c>).</summary>
    public static async Task RenameAsync(HttpClient client, Group group, string subject)
    {
        var (status, body) = await Tenants.PostAsync(client, Groups.GroupKit.GroupPath(group.Id), new { messaging_product = "whatsapp", subject });
        status.ShouldBe(HttpStatusCode.OK, body.ToJsonString());
    }

    /// <summary>WhatsApp suspends the group (<c>group_status_update</c>).</summary>
    public static async Task SuspendAsync(ParleyFactory parley, Group group)
    {
        var now = Now(parley);
        var current = (await Store(parley).GetAsync(group.Id, CancellationToken.None))!;
        (await Store(parley).UpdateAsync(current with { Suspended = true, UpdatedAt = now },
            [new(EventKinds.GroupStatus, GroupEvents.StatusChanged(group.Id, true, now))], now, CancellationToken.None)).ShouldBeTrue();
        Notify(parley);
    }

    /// <summary>A participant posts a text in the group; returns its id.</summary>
    public static async Task<string> PostAsync(ParleyFactory parley, Group group, string from, string body, string profileName = "Ana")
    {
        var now = Now(parley);
        var id = MessageIds.NewWamid();
        var message = new JsonObject
        {
            ["from"] = from,
            ["group_id"] = group.Id,
            ["id"] = id,
            ["timestamp"] = CanonicalEvents.UnixSeconds(now),
            ["type"] = "text",
            ["text"] = new JsonObject { ["body"] = body },
        };
        var inbound = new InboundEvent(group.ChannelId, now, id, WhatsAppUser.ByPhone(from, profileName), "text", message.ToJsonString(), GroupId: group.Id);
        await parley.Services.GetRequiredService<Ingest>().ApplyAsync([inbound], CancellationToken.None);
        return id;
    }

    /// <summary>
    /// The network reports a status of a message sent to a group: of the group (<paramref name="participant"/> null) or
    /// of one participant, <paramref name="later"/> after now by the network's clock.
    /// </summary>
    public static Task ReportAsync(ParleyFactory parley, string messageId, MessageStatus status, string? participant, TimeSpan later = default) =>
        parley.Services.GetRequiredService<Ingest>().ApplyAsync(
            [new StatusEvent(ParleyFactory.PhoneNumberId, Now(parley) + later, messageId, status, ParticipantId: participant)], CancellationToken.None);

    /// <summary>A text to the group through the Cloud API; returns the message id.</summary>
    public static Task<string> SendAsync(HttpClient client, Group group, string body = "Welcome, everyone") =>
        CloudApi.SendOkAsync(client, new { messaging_product = "whatsapp", recipient_type = "group", to = group.Id, type = "text", text = new { body } });

    private static IGroupStore Store(ParleyFactory parley) => parley.Services.GetRequiredService<IGroupStore>();

    private static DateTimeOffset Now(ParleyFactory parley) => parley.Services.GetRequiredService<TimeProvider>().GetUtcNow();

    private static void Notify(ParleyFactory parley) => parley.Services.GetRequiredService<WebhookSignal>().Notify();
}
