using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Api.Tests.Infrastructure;

/// <summary>
/// Forwards a loopback port to a server and can cut every connection at will, as a network partition or a database
/// restart would, without touching the server that other tests share.
/// </summary>
public sealed class TcpProxy : IAsyncDisposable
{
    readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    readonly string _upstreamHost;
    readonly int _upstreamPort;
    readonly ConcurrentDictionary<Socket, byte> _sockets = new();
    readonly CancellationTokenSource _stop = new();
    readonly Task _accepting;
    volatile bool _down;
    volatile bool _stalled;

    public TcpProxy(string upstreamHost, int upstreamPort)
    {
        _upstreamHost = upstreamHost;
        _upstreamPort = upstreamPort;
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>Drops every open connection and refuses new ones until <see cref="Restore"/>.</summary>
    public void Cut()
    {
        _down = true;
        foreach (var socket in _sockets.Keys)
            Reset(socket);
    }

    /// <summary>
    /// Keeps every connection open but carries nothing either way, and holds new ones unanswered, as a network that
    /// drops packets does: only timeouts end a wait.
    /// </summary>
    public void Stall() => _stalled = true;

    public void Restore()
    {
        _down = false;
        _stalled = false;
    }

    async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _listener.AcceptSocketAsync(_stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            if (_down)
            {
                Reset(client);
                continue;
            }

            if (_stalled)
            {
                // held open and never forwarded; dropped when the proxy is restored or disposed
                _sockets[client] = 0;
                _ = ResetWhenRestoredAsync(client);
                continue;
            }

            _ = PipeAsync(client);
        }
    }

    async Task PipeAsync(Socket client)
    {
        var upstream = new Socket(SocketType.Stream, ProtocolType.Tcp);
        _sockets[client] = 0;
        _sockets[upstream] = 0;
        try
        {
            await upstream.ConnectAsync(_upstreamHost, _upstreamPort, _stop.Token);
            await Task.WhenAny(CopyAsync(client, upstream), CopyAsync(upstream, client));
        }
        catch (Exception exception) when (exception is SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // a cut connection ends here; the other side sees the reset
        }
        finally
        {
            Reset(client);
            Reset(upstream);
        }
    }

    async Task ResetWhenRestoredAsync(Socket held)
    {
        try
        {
            while (_stalled)
                await Task.Delay(50, _stop.Token);
        }
        catch (OperationCanceledException)
        {
        }

        Reset(held);
    }

    async Task CopyAsync(Socket from, Socket to)
    {
        var buffer = new byte[16 * 1024];
        try
        {
            int read;
            while ((read = await from.ReceiveAsync(buffer, _stop.Token)) > 0)
            {
                while (_stalled)
                    await Task.Delay(50, _stop.Token);
                await to.SendAsync(buffer.AsMemory(0, read), _stop.Token);
            }
        }
        catch (Exception exception) when (exception is SocketException or OperationCanceledException or ObjectDisposedException)
        {
        }
    }

    void Reset(Socket socket)
    {
        _sockets.TryRemove(socket, out _);
        try
        {
            socket.LingerState = new LingerOption(true, 0);
            socket.Close();
        }
        catch (ObjectDisposedException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _accepting;
        foreach (var socket in _sockets.Keys)
            Reset(socket);
        _stop.Dispose();
    }
}
