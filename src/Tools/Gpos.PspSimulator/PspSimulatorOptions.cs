using Gpos.DevTools;

namespace Gpos.PspSimulator;

/// <summary>
/// Settings of one PSP simulator instance. Certificate paths are PEM files; a certificate file may carry its chain
/// (leaf first, then intermediates), as the development PKI writes them. See <see cref="FromDevPki"/>.
/// </summary>
public sealed class PspSimulatorOptions
{
    /// <summary>The default port of the stand-alone simulator.</summary>
    public const int DefaultPort = 7450;

    /// <summary>TCP port; 0 picks a free port (read it back from <see cref="PspSimulatorServer.BaseAddress"/>).</summary>
    public int Port { get; set; } = DefaultPort;

    /// <summary>IP address to listen on; loopback by default.</summary>
    public string ListenAddress { get; set; } = "127.0.0.1";

    /// <summary>The server certificate (PEM, leaf first, may include its chain); the dev <c>server.crt</c> by default.</summary>
    public string ServerCertificatePath { get; set; } = "";

    /// <summary>The server certificate's private key (PEM).</summary>
    public string ServerKeyPath { get; set; } = "";

    /// <summary>
    /// Roots trusted for client certificates (callers of the API and the control API) and for GPOS's server
    /// certificate when posting webhooks. Custom root trust: the OS store is never used.
    /// </summary>
    public IList<string> TrustedRootPaths { get; } = [];

    /// <summary>Extra intermediate CA certificates used to build chains (the certificate files' own chains are added too).</summary>
    public IList<string> IntermediatePaths { get; } = [];

    /// <summary>The client certificate presented to GPOS when posting webhooks; the dev <c>psp.crt</c> by default.</summary>
    public string WebhookClientCertificatePath { get; set; } = "";

    /// <summary>The webhook client certificate's private key (PEM).</summary>
    public string WebhookClientKeyPath { get; set; } = "";

    /// <summary>Host (and path prefix) of generated payload locations: <c>{LocationHost}/qr/v2/{uuid}</c>.</summary>
    public string LocationHost { get; set; } = "pix.psp-sim.example";

    /// <summary>ISPB of the simulated receiving PSP: the first 8 characters after <c>D</c> in generated <c>rtrId</c>s.</summary>
    public string Ispb { get; set; } = "12345678";

    /// <summary>ISPB of the simulated payer's PSP: the first 8 characters after <c>E</c> in generated <c>endToEndId</c>s.</summary>
    public string PayerIspb { get; set; } = "60746948";

    /// <summary>CNPJ of the receiving user (returned in <c>GET /webhook/{chave}</c>, where the spec requires it).</summary>
    public string ReceiverCnpj { get; set; } = "12345678000195";

    /// <summary>
    /// The receiver's DICT keys. Empty: any key is accepted. Otherwise a charge or webhook on another key is refused
    /// ("a chave corresponde a uma conta que não pertence a este usuário recebedor").
    /// </summary>
    public IList<string> ReceiverKeys { get; } = [];

    /// <summary>Merchant name and city written into <c>pixCopiaECola</c> (tags 59 and 60).</summary>
    public string MerchantName { get; set; } = "GPOS PSP SIMULADOR";

    /// <inheritdoc cref="MerchantName"/>
    public string MerchantCity { get; set; } = "SAO PAULO";

    /// <summary>Delays between webhook attempts: the number of entries is the number of retries after the first attempt.</summary>
    public IList<TimeSpan> WebhookRetryDelays { get; } = [TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(15)];

    /// <summary>Time limit of one webhook attempt.</summary>
    public TimeSpan WebhookAttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Most webhook connections open to one receiver at a time, as a PSP bounds its deliveries; further deliveries wait
    /// for a free connection. Unbounded, a backlog of thousands of payments opened thousands of mTLS connections to GPOS
    /// at once, whose timeouts and retries (each on a new connection) kept the backlog from draining.
    /// </summary>
    public int WebhookMaxConnections { get; set; } = 16;

    /// <summary>Clock for timestamps, identifiers and delays (tests may pass a fake one).</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Optional logging set-up; by default the simulator logs to the console at Information.</summary>
    public Action<ILoggingBuilder>? ConfigureLogging { get; set; }

    /// <summary>
    /// Options that use the development PKI (design.md §2): <c>server.crt</c>/<c>server.key</c> as the server
    /// certificate, <c>root-ca.crt</c> as the trusted root, <c>issuing-ca.crt</c> as intermediate and
    /// <c>psp.crt</c>/<c>psp.key</c> (URI SAN <c>urn:gpos:psp:psp-sim</c>) as the webhook client certificate.
    /// </summary>
    public static PspSimulatorOptions FromDevPki(DevPki pki, int port = DefaultPort)
    {
        ArgumentNullException.ThrowIfNull(pki);
        var options = new PspSimulatorOptions
        {
            Port = port,
            ServerCertificatePath = pki.ServerCertificatePath,
            ServerKeyPath = pki.ServerKeyPath,
            WebhookClientCertificatePath = pki.ClientCertificatePath("psp"),
            WebhookClientKeyPath = pki.ClientKeyPath("psp"),
        };
        options.TrustedRootPaths.Add(pki.RootCertificatePath);
        options.IntermediatePaths.Add(pki.IssuingCertificatePath);
        return options;
    }

    internal void Validate()
    {
        Require(ServerCertificatePath, nameof(ServerCertificatePath));
        Require(ServerKeyPath, nameof(ServerKeyPath));
        Require(WebhookClientCertificatePath, nameof(WebhookClientCertificatePath));
        Require(WebhookClientKeyPath, nameof(WebhookClientKeyPath));
        if (TrustedRootPaths.Count == 0)
        {
            throw new InvalidOperationException($"{nameof(TrustedRootPaths)}: at least one trusted root is required.");
        }

        if (Port is < 0 or > 65535)
        {
            throw new InvalidOperationException($"{nameof(Port)} must be 0..65535.");
        }

        if (WebhookMaxConnections < 1)
        {
            throw new InvalidOperationException($"{nameof(WebhookMaxConnections)} must be at least 1.");
        }

        if (Ispb.Length != 8 || PayerIspb.Length != 8 || !Ispb.All(char.IsAsciiLetterOrDigit) || !PayerIspb.All(char.IsAsciiLetterOrDigit))
        {
            throw new InvalidOperationException("Ispb and PayerIspb must be 8 alphanumeric characters.");
        }

        if (LocationHost.Length + "/qr/v2/".Length + 32 > 77)
        {
            throw new InvalidOperationException("LocationHost is too long: a location is at most 77 characters.");
        }
    }

    private static void Require(string value, string name)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new InvalidOperationException($"{name} is required.");
        }
    }
}
