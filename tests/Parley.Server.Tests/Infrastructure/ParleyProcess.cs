using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;

namespace Parley.Server.Tests.Infrastructure;

/// <summary>
/// Parley as a real operating-system process (the built Parley.Server.dll), for tests whose point is a crash or a
/// restart. The data folder outlives the process, so a restart finds what the previous run left.
/// </summary>
public sealed class ParleyProcess : IAsyncDisposable
{
    private readonly Dictionary<string, string> _environment;
    /// <summary>How many lines of the process's output are kept for the error of a failed start.</summary>
    private const int KeptOutputLines = 60;
    private readonly Queue<string> _output = new();

    private void Remember(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_output)
        {
            _output.Enqueue(line);
            if (_output.Count > KeptOutputLines)
            {
                _output.Dequeue();
            }
        }
    }

    private string LastOutput
    {
        get
        {
            lock (_output)
            {
                return string.Join('\n', _output);
            }
        }
    }

    private Process? _process;

    /// <param name="storage">Storage settings (<see cref="TestStore.Settings"/>); pass the same ones to a restarted process.</param>
    public ParleyProcess(string dataDirectory, IDictionary<string, string>? settings = null, IReadOnlyDictionary<string, string>? storage = null)
    {
        DataDirectory = dataDirectory;
        Port = FreePort();
        _environment = new Dictionary<string, string>
        {
            ["Parley__DataDirectory"] = dataDirectory,
            ["Parley__AdminKey"] = ParleyFactory.AdminKey,
            // One key for every process, as every node sharing a database must have (each data folder would generate its own).
            ["Parley__SecretKey"] = SecretKey,
            ["Parley__Demo__PhoneNumberId"] = ParleyFactory.PhoneNumberId,
            ["Parley__Demo__WabaId"] = ParleyFactory.WabaId,
            ["Parley__Demo__DisplayPhoneNumber"] = ParleyFactory.DisplayPhoneNumber,
            ["Parley__Demo__AccessToken"] = ParleyFactory.AccessToken,
            ["Parley__Demo__AppSecret"] = ParleyFactory.AppSecret,
            ["Parley__Sandbox__StatusDelayMs"] = "0",
            ["Parley__Sandbox__EnforceRateLimits"] = "false",
            ["Parley__Network__AllowPrivateNetworks"] = "true",
            ["Parley__Webhooks__RetryBaseDelayMs"] = "50",
            ["Parley__Webhooks__MaxRetryDelayMs"] = "200",
            ["Logging__LogLevel__Default"] = "Warning",
            ["ASPNETCORE_ENVIRONMENT"] = "Testing",
        };
        foreach (var (key, value) in storage ?? TestStore.Settings())
        {
            _environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            _environment[key] = value;
        }
    }

    /// <summary>The channel secret key of every Parley process (the base64 of 32 bytes).</summary>
    public const string SecretKey = "cGFybGV5LXRlc3Qtc2VjcmV0LWtleS0wMTIzNDU2Nzg=";

    public string DataDirectory { get; }

    public int Port { get; }

    public Uri BaseAddress => new($"http://127.0.0.1:{Port}");

    public HttpClient CreateClient(string? token = ParleyFactory.AccessToken)
    {
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        return client;
    }

    public HttpClient CreateAdminClient()
    {
        var client = CreateClient(token: null);
        client.DefaultRequestHeaders.Add("X-Admin-Key", ParleyFactory.AdminKey);
        return client;
    }

    /// <summary>How long a start may take: generous, since several processes may start at once on two busy cores.</summary>
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    /// <summary>Starts the process and waits until <c>/health</c> answers.</summary>
    public async Task StartAsync()
    {
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { Path.Combine(AppContext.BaseDirectory, "Parley.Server.dll"), "--urls", BaseAddress.ToString() },
            WorkingDirectory = DataDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (key, value) in _environment)
        {
            start.Environment[key] = value;
        }
        Directory.CreateDirectory(DataDirectory);
        _process = Process.Start(start) ?? throw new InvalidOperationException("Could not start Parley.");
        _process.OutputDataReceived += (_, e) => Remember(e.Data);
        _process.ErrorDataReceived += (_, e) => Remember(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        using var client = CreateClient(token: null);
        client.Timeout = TimeSpan.FromSeconds(5); // per attempt: a start on a busy machine may answer its first requests late
        var deadline = DateTime.UtcNow + StartTimeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                _process.WaitForExit(); // drains the output readers
                throw new InvalidOperationException($"Parley exited with code {_process.ExitCode} during start. Its last output:\n{LastOutput}");
            }
            try
            {
                using var response = await client.GetAsync("/health");
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet, or not answering yet.
            }
            await Task.Delay(50);
        }
        throw new TimeoutException($"Parley did not become healthy within {StartTimeout.TotalSeconds} s. Its last output:\n{LastOutput}");
    }

    /// <summary>SIGKILL: no shutdown, no flushing — whatever was not committed is gone.</summary>
    public async Task KillAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process?.Dispose();
        _process = null;
    }

    public async ValueTask DisposeAsync() => await KillAsync();

    /// <summary>
    /// A port no one listens on, from below Linux's ephemeral range (32768–60999). A port the system hands out for
    /// port 0 is one of those it also gives outgoing connections, and with many tests connecting at once one of them
    /// took such a port between this choice and the process's bind ("address already in use").
    /// </summary>
    private static int FreePort()
    {
        while (true)
        {
            var port = Random.Shared.Next(20_000, 32_000);
            try
            {
                using var listener = new TcpListener(IPAddress.Loopback, port);
                listener.Start();
                return port;
            }
            catch (SocketException)
            {
                // Taken: try another.
            }
        }
    }
}
