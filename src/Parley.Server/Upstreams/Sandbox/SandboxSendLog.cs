using System.Text;
using Microsoft.Extensions.Options;
using Parley.Server.Configuration;

namespace Parley.Server.Upstreams.Sandbox;

/// <summary>
/// Records every message id the sandbox is handed (<c>Parley:Sandbox:SendLogPath</c>), so tests can count how often
/// each message reached the network — across nodes, and across a SIGKILL (each line is written straight to the OS).
/// </summary>
internal sealed class SandboxSendLog : IDisposable
{
    private readonly FileStream? _file;
    private readonly Lock _gate = new();

    public SandboxSendLog(IOptions<ParleyOptions> options)
    {
        var path = options.Value.Sandbox.SendLogPath;
        if (!string.IsNullOrEmpty(path))
        {
            _file = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite, bufferSize: 1);
        }
    }

    public void Record(string messageId)
    {
        if (_file is null)
        {
            return;
        }
        var line = Encoding.UTF8.GetBytes(messageId + "\n");
        lock (_gate)
        {
            _file.Write(line); // unbuffered: in the kernel once Write returns, so it survives a SIGKILL
        }
    }

    public void Dispose() => _file?.Dispose();
}
