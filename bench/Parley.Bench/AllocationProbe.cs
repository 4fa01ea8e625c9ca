using System.Buffers.Binary;
using System.Net.Sockets;

namespace Parley.Bench;

/// <summary>
/// A Unix socket per process (<see cref="PathFor"/>) that answers every connection with the process's allocated
/// bytes so far (8 bytes, little endian) and closes. Costs the server nothing between reads.
/// </summary>
internal static class AllocationProbe
{
    public static string PathFor(int pid) => Path.Combine(Path.GetTempPath(), $"parley-bench-alloc-{pid}.sock");

    public static void Start()
    {
        var path = PathFor(Environment.ProcessId);
        File.Delete(path);
        var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        listener.Bind(new UnixDomainSocketEndPoint(path));
        listener.Listen(4);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => File.Delete(path);
        new Thread(() => Serve(listener)) { IsBackground = true, Name = "bench allocation probe" }.Start();
    }

    /// <summary>The allocated bytes of process <paramref name="pid"/> so far, or null when it has no probe.</summary>
    public static long? Read(int pid)
    {
        try
        {
            using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            socket.Connect(new UnixDomainSocketEndPoint(PathFor(pid)));
            Span<byte> answer = stackalloc byte[8];
            var read = 0;
            while (read < answer.Length)
            {
                var n = socket.Receive(answer[read..]);
                if (n == 0)
                {
                    return null;
                }
                read += n;
            }
            return BinaryPrimitives.ReadInt64LittleEndian(answer);
        }
        catch (SocketException)
        {
            return null;
        }
    }

    private static void Serve(Socket listener)
    {
        Span<byte> answer = stackalloc byte[8];
        while (true)
        {
            using var connection = listener.Accept();
            BinaryPrimitives.WriteInt64LittleEndian(answer, GC.GetTotalAllocatedBytes(precise: false));
            connection.Send(answer);
        }
    }
}
