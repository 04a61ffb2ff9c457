using System.Globalization;
using Gpos.TerminalClient.Storage;

namespace Gpos.TerminalClient.Http;

/// <summary>
/// The bottom of the mTLS pipeline: sends through a socket handler that presents the terminal's current certificate,
/// and swaps in a new socket handler (new connections, new certificate) after a renewal without disturbing requests in
/// flight: each old handler is disposed when its last request completes. Every response is checked for
/// <c>Gpos-Certificate-Renew</c>, which is reported with the serial of the certificate that connection presented.
/// </summary>
internal sealed class CredentialHandler : HttpMessageHandler
{
    public const string RenewHeader = "Gpos-Certificate-Renew";

    private readonly ServerTrust _trust;
    private readonly Action<string, DateTimeOffset> _renewalAdvised;
    private Lease _current;

    public CredentialHandler(ServerTrust trust, TerminalCredential credential, Action<string, DateTimeOffset> renewalAdvised)
    {
        _trust = trust;
        _renewalAdvised = renewalAdvised;
        _current = new Lease(TerminalHttp.CreateHandler(trust, credential), credential);
    }

    /// <summary>Serial of the certificate new connections present.</summary>
    public string CertificateSerialNumber => Volatile.Read(ref _current).SerialNumber;

    /// <summary>
    /// New requests use <paramref name="credential"/> (the handler owns it from now on); requests in flight finish on the
    /// old connections.
    /// </summary>
    public void Use(TerminalCredential credential)
    {
        var next = new Lease(TerminalHttp.CreateHandler(_trust, credential), credential);
        Interlocked.Exchange(ref _current, next).Retire();
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var lease = Acquire();
        try
        {
            var response = await lease.Invoker.SendAsync(request, cancellationToken);
            if (response.Headers.TryGetValues(RenewHeader, out var values)
                && DateTimeOffset.TryParse(values.FirstOrDefault(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var renewAfter))
            {
                _renewalAdvised(lease.SerialNumber, renewAfter);
            }

            return response;
        }
        finally
        {
            lease.Release();
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            Volatile.Read(ref _current).Retire();
        }

        base.Dispose(disposing);
    }

    private Lease Acquire()
    {
        while (true)
        {
            var lease = Volatile.Read(ref _current);
            if (lease.TryAcquire())
            {
                return lease;
            }
        }
    }

    /// <summary>A socket handler, its credential and the requests using them; disposed once retired and idle.</summary>
    private sealed class Lease(SocketsHttpHandler handler, TerminalCredential credential)
    {
        // One count for "still current", one per request in flight.
        private int _users = 1;

        public HttpMessageInvoker Invoker { get; } = new(handler, disposeHandler: true);

        public string SerialNumber { get; } = credential.SerialNumber;

        public bool TryAcquire()
        {
            var users = Volatile.Read(ref _users);
            while (users > 0)
            {
                var seen = Interlocked.CompareExchange(ref _users, users + 1, users);
                if (seen == users)
                {
                    return true;
                }

                users = seen;
            }

            return false;
        }

        public void Release()
        {
            if (Interlocked.Decrement(ref _users) == 0)
            {
                Invoker.Dispose();
                credential.Dispose();
            }
        }

        public void Retire() => Release();
    }
}
