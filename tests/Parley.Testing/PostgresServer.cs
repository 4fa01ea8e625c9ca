using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Npgsql;
using Xunit;

namespace Parley.Testing;

/// <summary>
/// A throwaway PostgreSQL server started from the Debian binaries (no containers here): <c>initdb</c> into a temporary
/// folder, <c>pg_ctl start</c> on a free TCP port on 127.0.0.1 with fsync off, trust authentication for the
/// <c>postgres</c> user. As root, the server runs as the <c>postgres</c> system user (created if missing), since
/// PostgreSQL refuses to run as root. Disposing stops it (<c>-m immediate</c>) and deletes the folder. The folder names
/// the test process that owns it, so a later run stops and deletes servers whose test process was killed before it could.
/// </summary>
/// <remarks>
/// Use it as an xunit class or collection fixture. <see cref="ConnectionString"/> names a database created at start
/// (one per fixture: one per test class when it is a class fixture); <see cref="CreateDatabaseAsync"/> makes more, for
/// tests that want a database of their own.
/// </remarks>
public sealed class PostgresServer : IAsyncLifetime
{
    private const string SuperUser = "postgres";
    private const string SearchRoot = "/usr/lib/postgresql";
    private const string FolderPrefix = "parley-pg-";
    private const string OwnerFile = "owner.pid";
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(2);

    /// <summary>A folder without an owner file is taken for one being set up, until it is this old.</summary>
    private static readonly TimeSpan SetUpGrace = TimeSpan.FromMinutes(10);
    private static readonly SemaphoreSlim StaleSweep = new(1, 1);
    private static bool _staleSwept;

    private readonly bool _asRoot = Environment.UserName == "root";
    private string? _folder;
    private string? _binaries;

    public int Port { get; private set; }

    /// <summary>A database of this fixture's own, created at start.</summary>
    public string ConnectionString { get; private set; } = "";

    private string DataDirectory => Path.Combine(_folder!, "data");

    private string LogFile => Path.Combine(_folder!, "postgres.log");

    public async Task InitializeAsync()
    {
        _binaries = FindBinaries();
        await RemoveStaleServersAsync();
        _folder = Directory.CreateTempSubdirectory(FolderPrefix).FullName;
        await File.WriteAllTextAsync(Path.Combine(_folder, OwnerFile), Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        if (_asRoot)
        {
            await EnsureUserAsync();
            await RunAsync("chown", [$"{SuperUser}:", _folder], asServerUser: false);
        }
        await RunAsync(Tool("initdb"), ["-D", DataDirectory, "-U", SuperUser, "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync"]);
        await StartAsync();
        ConnectionString = await CreateDatabaseAsync();
    }

    /// <summary>Creates an empty database <c>parley_&lt;guid&gt;</c> and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var name = "parley_" + Guid.NewGuid().ToString("N");
        await using (var connection = new NpgsqlConnection(ConnectionStringFor("postgres", pooling: false)))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await command.ExecuteNonQueryAsync();
        }
        return ConnectionStringFor(name, pooling: true);
    }

    public string ConnectionStringFor(string database, bool pooling = true) => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = Port,
        Username = SuperUser,
        Database = database,
        Pooling = pooling,
        IncludeErrorDetail = true,
    }.ToString();

    public async Task DisposeAsync()
    {
        if (_folder is null)
        {
            return;
        }
        try
        {
            if (File.Exists(Path.Combine(DataDirectory, "postmaster.pid")))
            {
                await RunAsync(Tool("pg_ctl"), ["-D", DataDirectory, "-m", "immediate", "-w", "stop"]);
            }
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            Directory.Delete(_folder, recursive: true);
            _folder = null;
        }
    }

    /// <summary>
    /// Once per test process: stops and deletes the servers of test processes that are gone (killed, or stopped by a
    /// debugger), whose folders would otherwise fill the disk run after run.
    /// </summary>
    private async Task RemoveStaleServersAsync()
    {
        await StaleSweep.WaitAsync();
        try
        {
            if (_staleSwept)
            {
                return;
            }
            _staleSwept = true;
            foreach (var folder in Directory.EnumerateDirectories(Path.GetTempPath(), FolderPrefix + "*"))
            {
                if (!IsStale(folder))
                {
                    continue;
                }
                var data = Path.Combine(folder, "data");
                try
                {
                    if (File.Exists(Path.Combine(data, "postmaster.pid")))
                    {
                        await RunAsync(Tool("pg_ctl"), ["-D", data, "-m", "immediate", "-w", "stop"]);
                    }
                    Directory.Delete(folder, recursive: true);
                }
                catch (Exception ex) when (ex is InvalidOperationException or IOException or UnauthorizedAccessException)
                {
                    // Another test process is cleaning it up too, or it is not ours to delete: leave it.
                }
            }
        }
        finally
        {
            StaleSweep.Release();
        }
    }

    private static bool IsStale(string folder)
    {
        var owner = Path.Combine(folder, OwnerFile);
        if (!File.Exists(owner))
        {
            return DateTime.UtcNow - Directory.GetLastWriteTimeUtc(folder) > SetUpGrace;
        }
        if (!int.TryParse(File.ReadAllText(owner), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
        {
            return true;
        }
        try
        {
            using var process = Process.GetProcessById(pid);
            return process.HasExited;
        }
        catch (ArgumentException)
        {
            return true; // no such process
        }
    }

    /// <summary>Starts the server on a free port; another process may take the port first, so a failed start tries another.</summary>
    private async Task StartAsync()
    {
        for (var attempt = 1; ; attempt++)
        {
            Port = FreePort();
            var options = $"-F -p {Port} -c listen_addresses=127.0.0.1 -c unix_socket_directories={_folder} -c max_connections=300";
            try
            {
                await RunAsync(Tool("pg_ctl"), ["-D", DataDirectory, "-l", LogFile, "-w", "-t", "60", "-o", options, "start"]);
                return;
            }
            catch (InvalidOperationException) when (attempt < 3)
            {
                // Most likely the port was taken between finding it and binding it.
            }
        }
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
        finally
        {
            listener.Stop();
        }
    }

    private string Tool(string name) => Path.Combine(_binaries!, name);

    /// <summary>The newest PostgreSQL server binaries (15 on this machine image), or <c>PARLEY_PG_BIN</c>.</summary>
    private static string FindBinaries()
    {
        static bool HasServer(string? folder) =>
            folder is not null && File.Exists(Path.Combine(folder, "initdb")) && File.Exists(Path.Combine(folder, "pg_ctl"));

        var configured = Environment.GetEnvironmentVariable("PARLEY_PG_BIN");
        if (HasServer(configured))
        {
            return configured!;
        }
        var installed = Directory.Exists(SearchRoot)
            ? Directory.GetDirectories(SearchRoot)
                .Select(version => (Version: int.TryParse(Path.GetFileName(version), out var v) ? v : 0, Bin: Path.Combine(version, "bin")))
                .Where(candidate => HasServer(candidate.Bin))
                .OrderByDescending(candidate => candidate.Version)
                .Select(candidate => candidate.Bin)
                .FirstOrDefault()
            : null;
        return installed ?? throw new InvalidOperationException(
            $"The PostgreSQL server binaries (initdb, pg_ctl) were not found in {SearchRoot}/*/bin. " +
            "Install them with: apt-get install -y postgresql (or set PARLEY_PG_BIN to their folder).");
    }

    /// <summary>PostgreSQL will not run as root: run it as the <c>postgres</c> system user, creating it when missing.</summary>
    private async Task EnsureUserAsync()
    {
        try
        {
            await RunAsync("id", ["-u", SuperUser], asServerUser: false);
        }
        catch (InvalidOperationException)
        {
            await RunAsync("useradd", ["--system", "--user-group", "--no-create-home", "--shell", "/usr/sbin/nologin", SuperUser], asServerUser: false);
        }
    }

    private Task RunAsync(string file, IReadOnlyList<string> arguments) => RunAsync(file, arguments, asServerUser: _asRoot);

    private async Task RunAsync(string file, IReadOnlyList<string> arguments, bool asServerUser)
    {
        var start = new ProcessStartInfo(asServerUser ? "runuser" : file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            // The server user may not be allowed into the test's working folder.
            WorkingDirectory = _folder ?? Path.GetTempPath(),
        };
        if (asServerUser)
        {
            foreach (var argument in (string[])["-u", SuperUser, "--", file])
            {
                start.ArgumentList.Add(argument);
            }
        }
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {file}.");
        using var timeout = new CancellationTokenSource(CommandTimeout);
        var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var error = process.StandardError.ReadToEndAsync(timeout.Token);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} did not finish within {CommandTimeout}.");
        }
        if (process.ExitCode != 0)
        {
            var log = _folder is not null && File.Exists(LogFile) ? await File.ReadAllTextAsync(LogFile) : "";
            throw new InvalidOperationException(
                $"{file} {string.Join(' ', arguments)} exited with {process.ExitCode}:\n{await output}\n{await error}\n{log}");
        }
    }
}
