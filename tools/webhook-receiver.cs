#:sdk Microsoft.NET.Sdk.Web
#:property PublishAot=false
// A tiny local webhook receiver for trying Parley: prints every webhook and whether its signature is valid.
//   dotnet run tools/webhook-receiver.cs -- <app-secret> [port]
using System.Security.Cryptography;
using System.Text;

var secret = args.Length > 0 ? args[0] : "";
var port = args.Length > 1 ? args[1] : "9000";
var builder = WebApplication.CreateSlimBuilder();
builder.Logging.ClearProviders();
builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
var app = builder.Build();
app.MapPost("/{**path}", async (HttpRequest request) =>
{
    using var buffer = new MemoryStream();
    await request.Body.CopyToAsync(buffer);
    var body = buffer.ToArray();
    var expected = "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));
    var presented = request.Headers["X-Hub-Signature-256"].ToString();
    var verdict = secret.Length == 0 ? "not checked (no secret given)" : presented == expected ? "valid" : "INVALID";
    Console.WriteLine($"--- {DateTime.Now:HH:mm:ss.fff} signature {verdict}");
    Console.WriteLine(Encoding.UTF8.GetString(body));
    return Results.Ok();
});
Console.WriteLine($"Listening on http://127.0.0.1:{port}/ — point Parley__Demo__WebhookUrl here.");
app.Run();
