using System.Net;
using Parley.Server.Tests.Admin;
using Parley.Server.Tests.Flows;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Upstreams.Meta;

/// <summary>Flows of A's meta account are made at B playing Meta, over Meta's wire format; B's flows webhooks reach A's business.</summary>
public sealed class MetaFlowEndToEndTests() : MetaPairTest("meta-flows")
{
    [Fact]
    public async Task AFlowMadeThroughAIsMadeAtBAndItsPublishReachesAsBusinessOnce()
    {
        var (accountId, channel) = await CreateMetaChannelOnAAsync();
        using var clientA = A.CreateClient(channel.Token);
        using var clientB = B.CreateClient();

        // Created, uploaded and published through A: B (Meta) has the flow under the id A answered.
        var id = await FlowKit.CreateAsync(clientA, "Sign up", accountId);
        var (uploaded, upload) = await FlowKit.UploadAsync(clientA, id, FlowKit.SignUpJson);
        (uploaded, upload["validation_errors"]!.AsArray().Count).ShouldBe((HttpStatusCode.OK, 0), upload.ToJsonString());
        var (published, answer) = await Tenants.PostAsync(clientA, FlowKit.FlowPath(id, "publish"), new { });
        published.ShouldBe(HttpStatusCode.OK, answer.ToJsonString());
        var (atB, flowAtB) = await Tenants.GetAsync(clientB, FlowKit.FlowPath(id));
        (atB, flowAtB["name"]!.GetValue<string>(), flowAtB["status"]!.GetValue<string>()).ShouldBe((HttpStatusCode.OK, "Sign up", "PUBLISHED"));

        var (listed, list) = await Tenants.GetAsync(clientA, FlowKit.FlowsPath(accountId));
        listed.ShouldBe(HttpStatusCode.OK, list.ToJsonString());
        list["data"]!.AsArray().ShouldHaveSingleItem()!["status"]!.GetValue<string>().ShouldBe("PUBLISHED");

        // Deprecated at B (Meta) directly: only B's webhook tells A. A's business hears of each change once: the publish
        // from A's answer (B's webhook of it finds A's copy published already), the deprecation from B's webhook.
        (await Tenants.PostAsync(clientB, FlowKit.FlowPath(id, "deprecate"), new { })).Status.ShouldBe(HttpStatusCode.OK);
        var events = await Eventually.Get(() => Receiver.Received.SelectMany(r => r.Json["entry"]!.AsArray().SelectMany(e => e!["changes"]!.AsArray()))
            .Where(c => c!["field"]!.GetValue<string>() == "flows").Select(c => c!["value"]!).ToList(),
            e => e.Any(v => v!["new_status"]!.GetValue<string>() == "DEPRECATED"), TimeSpan.FromSeconds(30));
        events.Select(e => (e!["flow_id"]!.GetValue<string>(), e["new_status"]!.GetValue<string>())).ShouldBe([(id, "PUBLISHED"), (id, "DEPRECATED")]);
        Receiver.Received.ShouldAllBe(r => r.SignedWith(ReceiverSecret));
    }
}
