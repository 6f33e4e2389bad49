using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace PublicPortal.Tests.Support;

/// <summary>
/// The real executable in a process of its own, so that what it does to memory is measured apart from the tests running
/// beside it: its peak resident set (VmHWM in /proc/&lt;pid&gt;/status, which the kernel keeps) is read while it runs, and
/// past the ceiling it is killed at once, so a failing run costs a few seconds rather than gigabytes.
/// </summary>
internal sealed class WatchedProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly long _ceilingBytes;
    private readonly StringBuilder _output = new();
    private readonly StringBuilder _error = new();
    private readonly Task _watching;
    private readonly CancellationTokenSource _stop = new();
    private long _peakBytes;

    private WatchedProcess(ProcessStartInfo start, long ceilingBytes)
    {
        _ceilingBytes = ceilingBytes;
        _process = Process.Start(start)!;
        _process.OutputDataReceived += (_, e) => { lock (_output) _output.AppendLine(e.Data); };
        _process.ErrorDataReceived += (_, e) => { lock (_error) _error.AppendLine(e.Data); };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        _watching = Task.Run(WatchAsync);
    }

    /// <summary>Starts <c>dotnet PublicPortal.Web.dll args…</c> on a data directory; without a content directory nothing is seeded.</summary>
    public static WatchedProcess Start(string dataDirectory, long ceilingBytes, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "PublicPortal.Web.dll"), .. args])
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Portal__DataDirectory"] = dataDirectory;
        start.Environment["Portal__LinkCheck__Enabled"] = "false"; // tests never reach the internet
        start.Environment["Portal__ContentDirectory"] = Path.Combine(dataDirectory, "no-seed");
        return new WatchedProcess(start, ceilingBytes);
    }

    public long PeakBytes => Interlocked.Read(ref _peakBytes);
    public long PeakMegabytes => PeakBytes / 1024 / 1024;
    public bool KilledOverCeiling { get; private set; }
    public string Output { get { lock (_output) return _output.ToString(); } }
    public string Error { get { lock (_error) return _error.ToString(); } }

    /// <summary>What a failed assertion should tell: the peak, whether it was killed for it, and the process's last words.</summary>
    public string Report => $"peak {PeakMegabytes} MB{(KilledOverCeiling ? $", killed past the {_ceilingBytes / 1024 / 1024} MB ceiling" : "")}\nstdout: {Output}\nstderr: {Error}";

    private async Task WatchAsync()
    {
        var status = $"/proc/{_process.Id}/status";
        while (!_stop.IsCancellationRequested && !_process.HasExited)
        {
            try
            {
                foreach (var line in await File.ReadAllLinesAsync(status))
                {
                    if (!line.StartsWith("VmHWM:", StringComparison.Ordinal)) continue;
                    var kilobytes = long.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
                    Interlocked.Exchange(ref _peakBytes, Math.Max(PeakBytes, kilobytes * 1024));
                }
            }
            catch (IOException)
            {
                return; // exited between the check and the read
            }
            if (PeakBytes > _ceilingBytes)
            {
                KilledOverCeiling = true;
                Kill();
                return;
            }
            await Task.Delay(20);
        }
    }

    /// <summary>Waits for the process to end by itself; past the timeout it is killed and -1 returned.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            Kill();
            await _process.WaitForExitAsync();
            return -1;
        }
        await _watching;
        return KilledOverCeiling ? -1 : _process.ExitCode;
    }

    public bool HasExited => _process.HasExited;

    private void Kill()
    {
        try
        {
            _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // already gone
        }
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (!_process.HasExited)
        {
            Kill();
            await _process.WaitForExitAsync();
        }
        try { await _watching; } catch (IOException) { }
        _process.Dispose();
        _stop.Dispose();
    }
}
