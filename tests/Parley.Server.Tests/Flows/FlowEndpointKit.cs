using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Security;

namespace Parley.Server.Tests.Flows;

/// <summary>How the kit misbehaves, to test what WhatsApp's side does with a broken endpoint.</summary>
public enum FlowEndpointFault
{
    /// <summary>Behaves: decrypts, answers from the script, encrypts.</summary>
    None,

    /// <summary>Holds another private key than the one published, so it cannot decrypt and answers 421 (as Meta asks).</summary>
    WrongKey,

    /// <summary>Answers <see cref="FlowEndpointKit.FaultStatus"/> without a body.</summary>
    Status,

    /// <summary>Answers 200 with text that is not base64.</summary>
    Garbage,

    /// <summary>Answers 200 sealed with the request's IV instead of the inverted one.</summary>
    SameIv,

    /// <summary>Answers 200 with properly sealed text that is not JSON.</summary>
    NotJson,

    /// <summary>Does not answer until <see cref="FlowEndpointKit.Release"/> (or the caller gives up).</summary>
    Slow,
}

/// <summary>One request the kit received, decrypted.</summary>
/// <param name="Payload">The decrypted request (<c>version</c>, <c>action</c>, <c>screen</c>, <c>data</c>, <c>flow_token</c>).</param>
/// <param name="Signature">The <c>X-Hub-Signature-256</c> header, if any.</param>
public sealed record FlowEndpointRequest(JsonObject Payload, string? Signature)
{
    public string? Action => (string?)Payload["action"];
    public string? Screen => (string?)Payload["screen"];
    public string? FlowToken => (string?)Payload["flow_token"];
    public JsonObject? Data => Payload["data"] as JsonObject;
}

/// <summary>An answer of the script that is an HTTP status instead of a sealed body (427 for a stale flow token, …).</summary>
public sealed record FlowEndpointStatus(int StatusCode);

/// <summary>
/// A real business flow endpoint on 127.0.0.1 for tests, as Meta's sample endpoint does it: holds an RSA-2048 key pair
/// (<see cref="PublicKeyPem"/> is what the business uploads), unwraps each request's AES key with RSA-OAEP-SHA256,
/// opens the request with AES-GCM (16-byte IV), answers from <see cref="Script"/> sealed with the same key and the
/// inverted IV, and records every request. Its crypto is its own (BouncyCastle's cipher factory and the BCL's RSA),
/// independent of Parley's <c>FlowEndpointCrypto</c>.
/// </summary>
public sealed class FlowEndpointKit : IAsyncDisposable
{
    private readonly RSA _key = RSA.Create(2048);
    private readonly RSA _otherKey = RSA.Create(2048);
    private readonly ConcurrentQueue<FlowEndpointRequest> _requests = new();
    private TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private WebApplication? _app;

    private FlowEndpointKit()
    {
    }

    /// <summary>The endpoint's URL (<c>endpoint_uri</c>).</summary>
    public string Url { get; private set; } = "";

    /// <summary>The public key in PEM (SubjectPublicKeyInfo), as uploaded to <c>whatsapp_business_encryption</c>.</summary>
    public string PublicKeyPem => _key.ExportSubjectPublicKeyInfoPem();

    /// <summary>When set, requests must carry <c>X-Hub-Signature-256</c> under this secret, else the kit answers 432.</summary>
    public string? AppSecret { get; set; }

    public FlowEndpointFault Fault { get; set; }

    /// <summary>The status of <see cref="FlowEndpointFault.Status"/>.</summary>
    public int FaultStatus { get; set; } = 500;

    /// <summary>
    /// The business logic: the answer to a decrypted request, serialized as JSON and sealed, or a
    /// <see cref="FlowEndpointStatus"/>. By default a ping answers active and any other request the screen it names
    /// (or <c>FIRST</c>) with empty data.
    /// </summary>
    public Func<FlowEndpointRequest, object> Script { get; set; } = request => request.Action == "ping"
        ? new JsonObject { ["data"] = new JsonObject { ["status"] = "active" } }
        : new JsonObject { ["screen"] = request.Screen ?? "FIRST", ["data"] = new JsonObject() };

    public IReadOnlyCollection<FlowEndpointRequest> Requests => _requests;

    public static async Task<FlowEndpointKit> StartAsync()
    {
        var kit = new FlowEndpointKit();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        app.MapPost("/flow", kit.HandleAsync);
        await app.StartAsync();
        kit._app = app;
        kit.Url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single() + "/flow";
        return kit;
    }

    /// <summary>Lets every request held by <see cref="FlowEndpointFault.Slow"/> answer.</summary>
    public void Release() => Interlocked.Exchange(ref _release, new(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();

    private async Task<IResult> HandleAsync(HttpRequest http, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await http.Body.CopyToAsync(buffer, cancellationToken);
        var raw = buffer.ToArray();
        var signature = http.Headers["X-Hub-Signature-256"].FirstOrDefault();
        if (AppSecret is not null && signature != "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(AppSecret), raw)))
        {
            return Results.StatusCode(432);
        }
        var body = JsonNode.Parse(raw)!.AsObject();
        byte[] aesKey;
        try
        {
            var key = Fault == FlowEndpointFault.WrongKey ? _otherKey : _key;
            aesKey = key.Decrypt(Convert.FromBase64String((string)body["encrypted_aes_key"]!), RSAEncryptionPadding.OaepSHA256);
        }
        catch (CryptographicException)
        {
            return Results.StatusCode(421);
        }
        var iv = Convert.FromBase64String((string)body["initial_vector"]!);
        var request = new FlowEndpointRequest(
            JsonNode.Parse(Gcm(false, aesKey, iv, Convert.FromBase64String((string)body["encrypted_flow_data"]!)))!.AsObject(), signature);
        _requests.Enqueue(request);

        switch (Fault)
        {
            case FlowEndpointFault.Status:
                return Results.StatusCode(FaultStatus);
            case FlowEndpointFault.Garbage:
                return Results.Text("this is not an encrypted answer", "text/plain");
            case FlowEndpointFault.Slow:
                await _release.Task.WaitAsync(cancellationToken);
                break;
        }
        var answer = Script(request);
        if (answer is FlowEndpointStatus status)
        {
            return Results.StatusCode(status.StatusCode);
        }
        var plaintext = Fault == FlowEndpointFault.NotJson
            ? Encoding.UTF8.GetBytes("<html>not json</html>")
            : JsonSerializer.SerializeToUtf8Bytes(answer is JsonNode node ? node : JsonSerializer.SerializeToNode(answer));
        var responseIv = Fault == FlowEndpointFault.SameIv ? iv : iv.Select(b => (byte)~b).ToArray();
        return Results.Text(Convert.ToBase64String(Gcm(true, aesKey, responseIv, plaintext)), "text/plain");
    }

    private static byte[] Gcm(bool encrypt, byte[] key, byte[] iv, byte[] input)
    {
        var cipher = CipherUtilities.GetCipher("AES/GCM/NoPadding");
        cipher.Init(encrypt, new AeadParameters(new KeyParameter(key), 128, iv));
        return cipher.DoFinal(input);
    }

    public async ValueTask DisposeAsync()
    {
        Release();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
        _key.Dispose();
        _otherKey.Dispose();
    }
}
