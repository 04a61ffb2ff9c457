using System.Net.Http.Json;
using Gpos.TerminalClient.Http;
using Gpos.TerminalClient.Storage;

namespace Gpos.TerminalClient;

/// <summary>
/// An enrolled terminal at work: its mTLS API client and its certificate renewal. <see cref="RunAsync"/> keeps the
/// certificate fresh with no human step: it renews on the <see cref="RenewalPolicy"/> schedule (about two thirds of the
/// lifetime, with jitter) or earlier when GPOS advises it, retries with backoff while GPOS is unreachable, and picks up
/// where it left off after a restart (the schedule and retry state live in the store). All time comes from the injected
/// <see cref="TimeProvider"/>.
/// </summary>
public sealed class TerminalAgent : IDisposable
{
    private readonly TerminalStore _store;
    private readonly RenewalPolicy _policy;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _renewing = new(1, 1);
    private readonly Lock _sync = new();
    private StoredTerminal _terminal;
    private RenewalState _state;
    private CancellationTokenSource? _wake;

    private TerminalAgent(TerminalStore store, StoredTerminal terminal, RenewalPolicy policy, TimeProvider time)
    {
        _store = store;
        _policy = policy;
        _time = time;
        _terminal = terminal;
        var trust = new ServerTrust(TerminalHttp.LoadRoot(store.LoadRootCaPem()), time);
        Api = new TerminalApiClient(terminal.MtlsBase, trust, store.LoadCredential(terminal), OnRenewalAdvised);
        var saved = store.LoadRenewalState();
        _state = saved is not null && saved.CertificateSerialNumber == terminal.CertificateSerialNumber ? saved : NewSchedule(terminal);
        if (!ReferenceEquals(_state, saved))
        {
            store.SaveRenewalState(_state);
        }
    }

    /// <summary>Raised after every renewal attempt made by <see cref="EnsureFreshAsync"/> or <see cref="RunAsync"/>.</summary>
    public event EventHandler<RenewalCheck>? RenewalChecked;

    /// <summary>The terminal's mTLS API client (presents the current certificate).</summary>
    public TerminalApiClient Api { get; }

    /// <summary>The terminal and its current certificate.</summary>
    public TerminalIdentity Identity => _store.LoadIdentity();

    /// <summary>When the current certificate is due for renewal: the jittered schedule, or earlier if GPOS advised it.</summary>
    public DateTimeOffset RenewalDueAt
    {
        get
        {
            lock (_sync)
            {
                return RenewalPolicy.Due(_state.ScheduledAt, _state.AdvisedAt);
            }
        }
    }

    /// <summary>When the next attempt runs after failures; null when the last attempt (if any) succeeded.</summary>
    public DateTimeOffset? NextRetryAt
    {
        get
        {
            lock (_sync)
            {
                return _state.NextAttemptAt;
            }
        }
    }

    /// <summary>Consecutive failed renewal attempts of the current certificate.</summary>
    public int ConsecutiveFailures
    {
        get
        {
            lock (_sync)
            {
                return _state.Failures;
            }
        }
    }

    /// <summary>The last renewal error, if the last attempt failed.</summary>
    public string? LastError
    {
        get
        {
            lock (_sync)
            {
                return _state.LastError;
            }
        }
    }

    /// <summary>Whether a renewal request is in flight (tests move a fake clock only while none is).</summary>
    internal bool IsRenewing => _renewing.CurrentCount == 0;

    /// <summary>Opens the enrolled terminal in <paramref name="store"/>.</summary>
    /// <exception cref="InvalidOperationException">The store holds no enrolled terminal.</exception>
    public static TerminalAgent Open(TerminalStore store, RenewalPolicy? policy = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        return new TerminalAgent(store, store.LoadTerminal(), policy ?? new RenewalPolicy(), timeProvider ?? TimeProvider.System);
    }

    /// <summary>
    /// Renews now, whatever the schedule: a new key pair, a CSR over mTLS with the current certificate, and, only once the
    /// new certificate is checked and stored, the new key replaces the old one. Failures are results and leave the
    /// current key and certificate in place.
    /// </summary>
    public async Task<RenewalResult> RenewAsync(CancellationToken cancellationToken)
    {
        await _renewing.WaitAsync(cancellationToken);
        try
        {
            var result = await RequestRenewalAsync(cancellationToken);
            Record(result);
            return result;
        }
        finally
        {
            _renewing.Release();
        }
    }

    /// <summary>
    /// Renews if due (schedule, advice, or a pending retry) and says when to check next. Safe to call often; it makes no
    /// request when nothing is due.
    /// </summary>
    public async Task<RenewalCheck> EnsureFreshAsync(CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        RenewalState state;
        lock (_sync)
        {
            state = _state;
        }

        if (state.TerminalRevoked || now >= _terminal.NotAfter)
        {
            return new RenewalCheck(RenewalCheckOutcome.NeedsEnrollment, now + _policy.MaximumBackoff);
        }

        var due = state.NextAttemptAt ?? RenewalPolicy.Due(state.ScheduledAt, state.AdvisedAt);
        if (now < due)
        {
            return new RenewalCheck(state.Failures > 0 ? RenewalCheckOutcome.RetryScheduled : RenewalCheckOutcome.NotDue, due);
        }

        var result = await RenewAsync(cancellationToken);
        lock (_sync)
        {
            state = _state;
        }

        var check = result.Status switch
        {
            RenewalStatus.Renewed => new RenewalCheck(RenewalCheckOutcome.Renewed, RenewalPolicy.Due(state.ScheduledAt, state.AdvisedAt), result),
            RenewalStatus.TerminalRevoked => new RenewalCheck(RenewalCheckOutcome.NeedsEnrollment, now + _policy.MaximumBackoff, result),
            _ => new RenewalCheck(RenewalCheckOutcome.RetryScheduled, state.NextAttemptAt ?? now + _policy.InitialBackoff, result),
        };
        RenewalChecked?.Invoke(this, check);
        return check;
    }

    /// <summary>
    /// Keeps the certificate fresh until <paramref name="cancellationToken"/> is cancelled (then throws
    /// <see cref="OperationCanceledException"/>), or until the terminal can no longer renew (then returns that check).
    /// A renewal advice from GPOS wakes it early.
    /// </summary>
    public async Task<RenewalCheck> RunAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var check = await EnsureFreshAsync(cancellationToken);
            if (check.Outcome == RenewalCheckOutcome.NeedsEnrollment)
            {
                return check;
            }

            // Re-check at least hourly: cheap, and it bounds the damage of a clock that jumps.
            var delay = check.NextCheckAt - _time.GetUtcNow();
            delay = delay < TimeSpan.Zero ? TimeSpan.Zero : delay > TimeSpan.FromHours(1) ? TimeSpan.FromHours(1) : delay;
            using var wake = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            Volatile.Write(ref _wake, wake);
            try
            {
                await Task.Delay(delay, _time, wake.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // Woken by a renewal advice.
            }
            finally
            {
                Interlocked.CompareExchange(ref _wake, null, wake);
            }
        }
    }

    private async Task<RenewalResult> RequestRenewalAsync(CancellationToken cancellationToken)
    {
        var terminal = _terminal;
        using var key = KeyMaterial.NewKey();
        HttpResponseMessage response;
        try
        {
            response = await Api.RequestCertificateAsync(KeyMaterial.CreateCsr(key, terminal.TerminalId), cancellationToken);
        }
        catch (Exception ex) when (Transport.IsFailure(ex, cancellationToken))
        {
            var status = Transport.IsHandshakeRefusal(ex) ? RenewalStatus.CertificateRejected : RenewalStatus.ServerUnavailable;
            return new RenewalResult(status, Problem: ProblemReader.FromException(ex));
        }

        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                var problem = await ProblemReader.ReadAsync(response, cancellationToken);
                return new RenewalResult(problem.Type switch
                {
                    ProblemTypes.TerminalRevoked => RenewalStatus.TerminalRevoked,
                    ProblemTypes.InvalidCsr => RenewalStatus.InvalidCsr,
                    _ when Transport.IsTransient(response.StatusCode) => RenewalStatus.ServerUnavailable,
                    _ => RenewalStatus.Failed,
                }, Problem: problem);
            }

            var issued = await response.Content.ReadFromJsonAsync<CertificateResponse>(Wire.Json, cancellationToken);
            var refusal = issued is null ? "empty response"
                : KeyMaterial.CheckIssued(issued.Certificate, issued.Chain, key, _store.LoadRootCaPem(), terminal.TerminalId);
            if (refusal is not null)
            {
                return new RenewalResult(RenewalStatus.Failed, Problem: new ServerProblem((int)response.StatusCode, null, "Unusable certificate", refusal));
            }

            var renewed = terminal with
            {
                CertificateSerialNumber = issued!.SerialNumber,
                NotBefore = issued.NotBefore,
                NotAfter = issued.NotAfter,
                ServerRenewAfter = issued.RenewAfter,
                RenewedAt = _time.GetUtcNow(),
            };
            var privateKeyPem = key.ExportPkcs8PrivateKeyPem();
            _terminal = _store.SaveRenewal(renewed, privateKeyPem, issued.Certificate, issued.Chain);
            Api.Use(TerminalCredential.FromPem(issued.Certificate, issued.Chain, privateKeyPem));
            return new RenewalResult(RenewalStatus.Renewed, _store.LoadIdentity());
        }
    }

    /// <summary>Updates and persists the schedule or the retry state after an attempt.</summary>
    private void Record(RenewalResult result)
    {
        var now = _time.GetUtcNow();
        lock (_sync)
        {
            if (result.Succeeded)
            {
                _state = NewSchedule(_terminal);
            }
            else
            {
                var failures = _state.Failures + 1;
                _state = _state with
                {
                    Failures = failures,
                    LastAttemptAt = now,
                    LastError = $"{result.Status}: {result.Problem}",
                    NextAttemptAt = _policy.NextAttempt(failures, now, _terminal.NotBefore, _terminal.NotAfter),
                    TerminalRevoked = result.Status == RenewalStatus.TerminalRevoked,
                };
            }

            _store.SaveRenewalState(_state);
        }
    }

    private RenewalState NewSchedule(StoredTerminal terminal) => new(terminal.CertificateSerialNumber,
        _policy.ScheduleRenewal(terminal.NotBefore, terminal.NotAfter, _time.GetUtcNow()));

    /// <summary>GPOS said (in a response header) that the certificate <paramref name="serialNumber"/> should be renewed.</summary>
    private void OnRenewalAdvised(string serialNumber, DateTimeOffset renewAfter)
    {
        lock (_sync)
        {
            if (!string.Equals(serialNumber, _state.CertificateSerialNumber, StringComparison.OrdinalIgnoreCase) || _state.AdvisedAt is not null)
            {
                return;
            }

            _state = _state with { AdvisedAt = renewAfter };
            _store.SaveRenewalState(_state);
        }

        try
        {
            Volatile.Read(ref _wake)?.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The loop moved on between the read and the cancel; it re-reads the state anyway.
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Api.Dispose();
        _renewing.Dispose();
    }
}
