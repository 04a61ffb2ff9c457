using System.Net;
using System.Net.Http.Json;
using Gpos.TerminalClient.Http;
using Gpos.TerminalClient.Storage;

namespace Gpos.TerminalClient;

/// <summary>
/// First contact of a new terminal (design.md §2 step 2): generates an ECDSA P-256 key on the device, sends the serial
/// number, the one-time activation code and a CSR to the bootstrap port (server-authenticated TLS against the private
/// root), checks the returned certificate and stores key, certificate, chain and identity. The private key never leaves
/// the device.
/// </summary>
public sealed class EnrollmentClient : IDisposable
{
    private readonly TerminalEndpoints _endpoints;
    private readonly TimeProvider _timeProvider;
    private readonly string _rootPem;
    private readonly HttpClient _http;

    /// <summary>A client for the GPOS instance at <paramref name="endpoints"/>.</summary>
    /// <exception cref="IOException">The root CA file cannot be read.</exception>
    public EnrollmentClient(TerminalEndpoints endpoints, TimeProvider? timeProvider = null)
        : this(endpoints, timeProvider, null)
    {
    }

    /// <summary>For tests: <paramref name="wrap"/> may put a recording handler in front of the socket handler.</summary>
    internal EnrollmentClient(TerminalEndpoints endpoints, TimeProvider? timeProvider, Func<HttpMessageHandler, HttpMessageHandler>? wrap)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        _endpoints = endpoints;
        _timeProvider = timeProvider ?? TimeProvider.System;
        _rootPem = File.ReadAllText(endpoints.RootCaPath);
        var trust = new ServerTrust(TerminalHttp.LoadRoot(_rootPem), _timeProvider);
        HttpMessageHandler handler = TerminalHttp.CreateHandler(trust, credential: null);
        _http = new HttpClient(wrap?.Invoke(handler) ?? handler) { BaseAddress = endpoints.BootstrapBase, Timeout = TerminalHttp.RequestTimeout };
    }

    /// <summary>
    /// Enrolls the terminal into <paramref name="store"/>. Every expected outcome (wrong, used, expired or locked code,
    /// revoked terminal, unreachable server) is a result; nothing is stored unless a certificate was issued.
    /// </summary>
    public async Task<EnrollmentResult> EnrollAsync(TerminalStore store, string serialNumber, string activationCode,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentException.ThrowIfNullOrWhiteSpace(serialNumber);
        ArgumentException.ThrowIfNullOrWhiteSpace(activationCode);
        if (store.IsEnrolled)
        {
            return new EnrollmentResult(EnrollmentStatus.AlreadyEnrolled, store.LoadIdentity());
        }

        using var key = KeyMaterial.NewKey();
        var request = new EnrollRequest(serialNumber, activationCode.Trim(), KeyMaterial.CreateCsr(key, serialNumber));
        HttpResponseMessage response;
        try
        {
            response = await _http.PostAsJsonAsync(new Uri("/v1/enrollment", UriKind.Relative), request, Wire.Json, cancellationToken);
        }
        catch (Exception ex) when (Transport.IsFailure(ex, cancellationToken))
        {
            return new EnrollmentResult(EnrollmentStatus.ServerUnavailable, Problem: ProblemReader.FromException(ex));
        }

        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                var problem = await ProblemReader.ReadAsync(response, cancellationToken);
                return new EnrollmentResult(StatusOf(response.StatusCode, problem), Problem: problem);
            }

            var issued = await response.Content.ReadFromJsonAsync<CertificateResponse>(Wire.Json, cancellationToken);
            var refusal = issued is null ? "empty response"
                : KeyMaterial.CheckIssued(issued.Certificate, issued.Chain, key, _rootPem, issued.TerminalId);
            if (refusal is not null)
            {
                return new EnrollmentResult(EnrollmentStatus.Failed, Problem: new ServerProblem((int)response.StatusCode, null,
                    "Unusable certificate", refusal));
            }

            var now = _timeProvider.GetUtcNow();
            var terminal = new StoredTerminal(issued!.TerminalId, issued.MerchantId, serialNumber, _endpoints.BootstrapBase,
                _endpoints.MtlsBase, Path.GetFullPath(_endpoints.RootCaPath), Credential: "", issued.SerialNumber,
                issued.NotBefore, issued.NotAfter, issued.RenewAfter, now, RenewedAt: null);
            store.SaveEnrollment(terminal, _rootPem, key.ExportPkcs8PrivateKeyPem(), issued.Certificate, issued.Chain);
            return new EnrollmentResult(EnrollmentStatus.Enrolled, store.LoadIdentity());
        }
    }

    private static EnrollmentStatus StatusOf(HttpStatusCode status, ServerProblem problem) => problem.Type switch
    {
        ProblemTypes.EnrollmentRefused => EnrollmentStatus.Refused,
        ProblemTypes.ActivationLocked => EnrollmentStatus.ActivationLocked,
        ProblemTypes.ActivationCodeExpired => EnrollmentStatus.ActivationCodeExpired,
        ProblemTypes.ActivationCodeUsed => EnrollmentStatus.ActivationCodeUsed,
        ProblemTypes.TerminalRevoked => EnrollmentStatus.TerminalRevoked,
        ProblemTypes.InvalidCsr => EnrollmentStatus.InvalidCsr,
        ProblemTypes.AttestationRefused => EnrollmentStatus.AttestationRefused,
        _ when Transport.IsTransient(status) => EnrollmentStatus.ServerUnavailable,
        _ => EnrollmentStatus.Failed,
    };

    /// <inheritdoc />
    public void Dispose() => _http.Dispose();
}
