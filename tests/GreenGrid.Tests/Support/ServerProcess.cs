using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;

namespace GreenGrid.Testing;

/// <summary>
/// The real application as a separate process (the built GreenGrid.dll), by default on a fresh SQLite
/// file: for tests that kill it with SIGKILL and start it again on the same data (nothing in this
/// process survives but what the server committed), and for benchmarks over real HTTP on loopback.
/// Shared by the test and the benchmark projects (linked source file).
/// </summary>
public sealed class ServerProcess(IReadOnlyDictionary<string, string>? settings = null, int? port = null) : IAsyncDisposable
{
    public const string AdminPassword = "durability-admin-1";

    private readonly string _dataFolder = Path.Combine(Path.GetTempPath(), $"greengrid-process-{Guid.NewGuid():N}");
    private Process? _process;

    public Uri Address { get; } = new($"http://127.0.0.1:{port ?? FreePort()}/");

    /// <summary>The server's process id (the benchmarks watch its JIT while warming it up).</summary>
    public int ProcessId => _process?.Id ?? throw new InvalidOperationException("the server has not been started");

    /// <summary>Starts a server on a database the caller prepared (migrations run at start) and waits until it answers.</summary>
    public static async Task<ServerProcess> StartAsync(GreenGrid.Platform.Data.DatabaseProvider provider, string connectionString, int port, CancellationToken ct = default)
    {
        var server = new ServerProcess(new Dictionary<string, string>
        {
            ["Database__Provider"] = provider.ToString(),
            ["Database__ConnectionString"] = connectionString,
        }, port);
        await server.StartAsync(ct);
        return server;
    }

    /// <summary>Starts the server and waits (bounded) until it answers.</summary>
    public async Task StartAsync(CancellationToken ct)
    {
        Directory.CreateDirectory(_dataFolder);
        var app = ApplicationDll();
        var start = new ProcessStartInfo("dotnet", [app])
        {
            WorkingDirectory = Path.GetDirectoryName(app)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["Urls"] = Address.ToString();
        start.Environment["Database__DataFolder"] = _dataFolder;
        start.Environment["Demo__Load"] = "false";
        start.Environment["Accounts__InitialAdminPassword"] = AdminPassword;
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (name, value) in settings ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }
        _process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        // Drain the pipes so that a chatty server never blocks on a full one.
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        using var probe = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(5) };
        for (var attempt = 0; attempt < 600; attempt++)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"the server exited with {_process.ExitCode} before answering");
            }
            try
            {
                if ((await probe.GetAsync("/api/v1/ping", ct)).StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException) when (!ct.IsCancellationRequested)
            {
            }
            await Task.Delay(100, ct);
        }
        throw new TimeoutException("the server did not answer within a minute");
    }

    /// <summary>SIGKILL: no shutdown, no flush; whatever was not committed is gone.</summary>
    public void Kill()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }
    }

    /// <summary>A client signed in with a bearer token (asked again after each restart).</summary>
    public async Task<HttpClient> ClientFor(string userName, string password, CancellationToken ct)
    {
        var client = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(30) };
        var response = await client.PostAsJsonAsync("/api/v1/auth/token", new { userName, password }, ct);
        response.EnsureSuccessStatusCode();
        var token = await response.Content.ReadFromJsonAsync<Token>(ct);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token!.AccessToken);
        return client;
    }

    public string SqliteFile => Path.Combine(_dataFolder, "greengrid.db");

    public ValueTask DisposeAsync()
    {
        Kill();
        _process?.Dispose();
        try
        {
            Directory.Delete(_dataFolder, recursive: true);
        }
        catch (IOException)
        {
        }
        return ValueTask.CompletedTask;
    }

    /// <summary>The application built beside the calling project, in the same configuration (Debug or Release).</summary>
    public static string ApplicationDll()
    {
        var testFolder = new DirectoryInfo(AppContext.BaseDirectory);
        var framework = testFolder.Name;
        var configuration = testFolder.Parent!.Name;
        var root = testFolder;
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "GreenGrid.slnx")))
        {
            root = root.Parent;
        }
        var dll = Path.Combine(root?.FullName ?? throw new InvalidOperationException("GreenGrid.slnx not found above the tests"),
            "src", "GreenGrid", "bin", configuration, framework, "GreenGrid.dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException("build the solution first", dll);
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private sealed record Token(string AccessToken);
}
