using System.Net;
using System.Net.Sockets;

namespace Gpos.LoadGen.Hosting;

internal static class FreePorts
{
    /// <summary>A loopback port free right now (released at once; another process may take it before it is bound).</summary>
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
