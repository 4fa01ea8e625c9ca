using System.Buffers;
using System.Text;
using System.Text.Json;

namespace Parley.Core.Messages.Validation;

/// <summary>
/// A JSON writer over a growable buffer, kept per thread and reused: the canonical payload of every send is written
/// through one, so a send allocates only the payload's final text. Writing is synchronous, so a thread's writer is
/// never shared by two writes at once.
/// </summary>
internal sealed class PayloadWriter
{
    /// <summary>A buffer that grew beyond this is not kept, so one large message does not pin its memory.</summary>
    private const int KeptCapacity = 64 * 1024;

    [ThreadStatic]
    private static PayloadWriter? t_cached;

    private readonly ArrayBufferWriter<byte> _buffer = new(1024);

    private PayloadWriter() => Json = new Utf8JsonWriter(_buffer);

    public Utf8JsonWriter Json { get; }

    public static PayloadWriter Rent()
    {
        var writer = t_cached ?? new PayloadWriter();
        t_cached = null;
        return writer;
    }

    public static void Return(PayloadWriter writer)
    {
        if (writer._buffer.Capacity > KeptCapacity)
        {
            return;
        }
        writer.Json.Reset();
        writer._buffer.ResetWrittenCount();
        t_cached = writer;
    }

    /// <summary>What was written, as text.</summary>
    public string ToText()
    {
        Json.Flush();
        return Encoding.UTF8.GetString(_buffer.WrittenSpan);
    }
}
