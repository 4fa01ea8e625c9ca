using System.Diagnostics;
using System.Text;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Compat;

/// <summary>
/// An existing Cloud API client library works against Parley by changing only its base URL: the npm package
/// <c>whatsapp-api-js</c> (tests/compat/cloudapi-sdk.mjs) sends through Parley with its <c>graph.facebook.com</c>
/// origin rewritten, and verifies and parses Parley's signed webhooks with its own <c>Whatsapp.post</c>.
/// Real processes throughout: Parley, Node.js and npm.
/// </summary>
public sealed class CloudApiSdkCompatTests : IAsyncLifetime
{
    private static readonly TimeSpan NpmTimeout = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan ScriptTimeout = TimeSpan.FromSeconds(90); // the script bounds itself at 60 s

    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "parley-tests", Guid.NewGuid().ToString("n"));

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
        return Task.CompletedTask;
    }

    [Fact]
    public async Task WhatsAppApiJsSdkWorksAgainstParleyByChangingOnlyTheBaseUrl()
    {
        var compat = Path.Combine(RepositoryRoot(), "tests", "compat");
        if (!Directory.Exists(Path.Combine(compat, "node_modules")))
        {
            var install = await RunAsync(OperatingSystem.IsWindows() ? "npm.cmd" : "npm", ["ci", "--no-audit", "--no-fund"], compat, new Dictionary<string, string>(), NpmTimeout);
            install.ExitCode.ShouldBe(0, $"npm ci in {compat} failed.\n{install}");
        }

        // Default settings: one event per webhook POST, as Meta delivers them. whatsapp-api-js reads only
        // entry[0].changes[0].value.{messages|statuses}[0] of a POST; the script fails loudly if a POST carries more.
        await using var parley = new ParleyProcess(_dataDirectory);
        await parley.StartAsync();

        var run = await RunAsync(
            "node",
            [Path.Combine(compat, "cloudapi-sdk.mjs")],
            compat,
            new Dictionary<string, string>
            {
                ["PARLEY_URL"] = parley.BaseAddress.ToString(),
                ["TOKEN"] = ParleyFactory.AccessToken,
                ["PHONE_NUMBER_ID"] = ParleyFactory.PhoneNumberId,
                ["APP_SECRET"] = ParleyFactory.AppSecret,
                ["ADMIN_KEY"] = ParleyFactory.AdminKey,
            },
            ScriptTimeout);

        run.ExitCode.ShouldBe(0, $"tests/compat/cloudapi-sdk.mjs failed.\n{run}");
    }

    /// <summary>The folder holding Parley.slnx, walking up from the test binaries.</summary>
    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Parley.slnx")))
            {
                return directory.FullName;
            }
        }
        throw new InvalidOperationException($"No Parley.slnx above {AppContext.BaseDirectory}.");
    }

    private static async Task<ProcessResult> RunAsync(
        string fileName, IReadOnlyList<string> arguments, string workingDirectory, IDictionary<string, string> environment, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }
        var command = $"{fileName} {string.Join(' ', arguments)}";

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {command}.");
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException($"Could not start '{command}' — is it installed and on PATH? {ex.Message}", ex);
        }

        using (process)
        {
            var stdout = new StringBuilder();
            var stderr = new StringBuilder();
            process.OutputDataReceived += (_, e) =>
            {
                if (e.Data is not null)
                {
                    lock (stdout)
                    {
                        stdout.AppendLine(e.Data);
                    }
                }
            };
            process.ErrorDataReceived += (_, e) =>
            {
                if (e.Data is not null)
                {
                    lock (stderr)
                    {
                        stderr.AppendLine(e.Data);
                    }
                }
            };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();

            using var cancel = new CancellationTokenSource(timeout);
            var timedOut = false;
            try
            {
                await process.WaitForExitAsync(cancel.Token);
            }
            catch (OperationCanceledException)
            {
                timedOut = true;
                process.Kill(entireProcessTree: true);
            }
            await process.WaitForExitAsync(); // drains the redirected streams

            string Captured(StringBuilder builder)
            {
                lock (builder)
                {
                    return builder.ToString();
                }
            }
            return new ProcessResult(command, timedOut ? -1 : process.ExitCode, timedOut, Captured(stdout), Captured(stderr));
        }
    }

    private sealed record ProcessResult(string Command, int ExitCode, bool TimedOut, string StandardOutput, string StandardError)
    {
        public override string ToString() =>
            $"$ {Command}\nexit code: {ExitCode}{(TimedOut ? " (killed: timed out)" : "")}\n--- stdout ---\n{StandardOutput}--- stderr ---\n{StandardError}";
    }
}
