namespace Parley.Bench;

/// <summary>
/// The physical limit of the HTTP stack on this machine: Kestrel, routing and a fixed JSON answer,
/// nothing else. Parley's send path is measured as a fraction of this.
/// </summary>
internal static class Baseline
{
    private static readonly byte[] Answer =
        """{"messaging_product":"whatsapp","contacts":[{"input":"16505551234","wa_id":"16505551234"}],"messages":[{"id":"wamid.baseline"}]}"""u8
            .ToArray();

    public static async Task RunAsync(string[] args)
    {
        var builder = WebApplication.CreateSlimBuilder(args);
        builder.Logging.ClearProviders();

        var app = builder.Build();
        app.MapPost("/{version}/{phoneNumberId}/messages", new RequestDelegate(DiscardAndAnswerAsync));
        AllocationProbe.Start();
        await app.RunAsync();
    }

    // A raw RequestDelegate rather than a typed result: this is the floor, so it writes the
    // pre-encoded bytes directly.
    private static async Task DiscardAndAnswerAsync(HttpContext context)
    {
        await context.Request.Body.CopyToAsync(Stream.Null, context.RequestAborted);

        var response = context.Response;
        response.ContentType = "application/json";
        response.ContentLength = Answer.Length;
        await response.Body.WriteAsync(Answer, context.RequestAborted);
    }
}
