using System.Net;
using System.Net.Sockets;

namespace Orders.Local;

/// <summary>Loopback ports: one nobody listens on, and whether a given one is free.</summary>
public static class FreePort
{
    /// <summary>A port that was free a moment ago; whoever binds it should be ready to try another once.</summary>
    public static int Pick()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException exception) when (exception.SocketErrorCode is SocketError.AddressAlreadyInUse or SocketError.AccessDenied)
        {
            return false;
        }
    }
}
