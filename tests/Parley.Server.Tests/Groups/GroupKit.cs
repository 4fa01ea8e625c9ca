using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Parley.Core.Groups;
using Parley.Core.Model;
using Parley.Core.Users;
using Parley.Server.Tests.Admin;
using Parley.Server.Tests.Infrastructure;
using Parley.Storage;
using SkiaSharp;

namespace Parley.Server.Tests.Groups;

/// <summary>
/// Groups for tests: made through the Groups API, with participants, join requests and posts in the group written
/// straight to the store (the sandbox's simulated users joining is another feature), and real JPEG pictures.
/// </summary>
public static class GroupKit
{
    public const string Version = "v26.0";

    public static string GroupsPath(string phoneNumberId = ParleyFactory.PhoneNumberId) => $"/{Version}/{phoneNumberId}/groups";

    public static string GroupPath(string groupId, string edge = "") => $"/{Version}/{groupId}{(edge.Length > 0 ? "/" + edge : "")}";

    /// <summary>Creates a group through the API and finds its id in the number's list; returns the id.</summary>
    public static async Task<string> CreateAsync(HttpClient client, string subject = "Watch Enthusiasts", string mode = JoinApprovalModes.AutoApprove,
        string phoneNumberId = ParleyFactory.PhoneNumberId)
    {
        var (status, body) = await Tenants.PostAsync(client, GroupsPath(phoneNumberId),
            new { messaging_product = "whatsapp", subject, description = "Timepieces", join_approval_mode = mode });
        status.ShouldBe(HttpStatusCode.OK, body.ToJsonString());
        var (_, list) = await Tenants.GetAsync(client, GroupsPath(phoneNumberId) + "?limit=1024");
        return list["data"]!["groups"]!.AsArray().Last(g => g!["subject"]!.GetValue<string>() == subject)!["id"]!.GetValue<string>();
    }

    private static IGroupStore Store(ParleyFactory parley) => parley.Services.GetRequiredService<IGroupStore>();

    private static DateTimeOffset Now(ParleyFactory parley) => parley.Services.GetRequiredService<TimeProvider>().GetUtcNow();

    /// <summary>A user joins the group (as through its invite link).</summary>
    public static async Task AddParticipantAsync(ParleyFactory parley, string groupId, string waId)
    {
        var now = Now(parley);
        var added = await Store(parley).AddParticipantAsync(new GroupParticipant(groupId, waId, null, now), GroupRules.MaxParticipants, [], now, CancellationToken.None);
        added.ShouldBe(ParticipantAdded.Added);
    }

    /// <summary>A user asks to join the group; returns the join request id.</summary>
    public static async Task<string> CreateJoinRequestAsync(ParleyFactory parley, string groupId, string waId)
    {
        var now = Now(parley);
        var id = GroupIds.NewJoinRequest(waId);
        (await Store(parley).CreateJoinRequestAsync(new GroupJoinRequest(id, groupId, waId, null, JoinRequestStates.Open, now, null), [], now, CancellationToken.None))
            .ShouldBeTrue();
        return id;
    }

    /// <summary>WhatsApp suspends the group.</summary>
    public static async Task SuspendAsync(ParleyFactory parley, string groupId)
    {
        var group = (await Store(parley).GetAsync(groupId, CancellationToken.None))!;
        (await Store(parley).UpdateAsync(group with { Suspended = true }, [], Now(parley), CancellationToken.None)).ShouldBeTrue();
    }

    public static Task<Group?> GetStoredAsync(ParleyFactory parley, string groupId) => Store(parley).GetAsync(groupId, CancellationToken.None);

    /// <summary>A participant posts a text in the group; returns the message id.</summary>
    public static async Task<string> ParticipantPostsAsync(ParleyFactory parley, string groupId, string from)
    {
        var id = "wamid.group" + Guid.NewGuid().ToString("N");
        var message = new JsonObject
        {
            ["from"] = from, ["group_id"] = groupId, ["id"] = id, ["timestamp"] = Now(parley).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["type"] = "text", ["text"] = new JsonObject { ["body"] = "Hello group" },
        };
        var inbound = new InboundEvent(ParleyFactory.PhoneNumberId, Now(parley), id, new WhatsAppUser(from, null, null, null, "Participant"), "text",
            message.ToJsonString(), GroupId: groupId);
        await parley.Services.GetRequiredService<IEventStore>().ApplyAsync([inbound], Now(parley), CancellationToken.None);
        return id;
    }

    /// <summary>A JPEG (or PNG) of the given size, encoded by Skia.</summary>
    public static byte[] Image(int width, int height, SKEncodedImageFormat format = SKEncodedImageFormat.Jpeg)
    {
        using var bitmap = new SKBitmap(width, height);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(new SKColor(0x25, 0xD3, 0x66));
        }
        using var data = bitmap.Encode(format, 90);
        return data.ToArray();
    }

    /// <summary>POSTs a group picture as Meta's example does (<c>-F messaging_product=whatsapp -F file=@pic.jpg</c>).</summary>
    public static async Task<(HttpStatusCode Status, JsonObject Body)> PostPictureAsync(HttpClient client, string groupId, byte[] bytes, string mimeType = "image/jpeg")
    {
        using var form = new MultipartFormDataContent
        {
            { new StringContent("whatsapp"), "messaging_product" },
        };
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = MediaTypeHeaderValue.Parse(mimeType);
        form.Add(file, "file", mimeType == "image/jpeg" ? "square_pic.jpg" : "picture.png");
        using var response = await client.PostAsync(GroupPath(groupId), form);
        return (response.StatusCode, await CloudApi.ReadAsync(response));
    }

    /// <summary>A request with a JSON body and any method (Graph's DELETE calls carry bodies).</summary>
    public static async Task<(HttpStatusCode Status, JsonObject Body)> SendAsync(HttpClient client, HttpMethod method, string path, object? body = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        using var response = await client.SendAsync(request);
        return (response.StatusCode, await CloudApi.ReadAsync(response));
    }
}
