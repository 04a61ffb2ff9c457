using System.ComponentModel.DataAnnotations;

namespace Gpos.Pix;

/// <summary>
/// Settings of the Pix module (section <c>Gpos:Pix</c>). The PSP client is optional: without <see cref="PspBaseUrl"/>
/// charge creation answers <c>ServicoIndisponivel</c>, so hosts that do not use Pix start without PSP settings.
/// </summary>
public sealed class PixOptions : IValidatableObject
{
    public const string Section = "Gpos:Pix";

    /// <summary>Base URL of the PSP's API Pix, e.g. <c>https://localhost:7450/</c> (the client appends <c>v2/cob/{txid}</c>).</summary>
    public Uri? PspBaseUrl { get; set; }

    /// <summary>GPOS's client certificate for the PSP (PEM), dev PKI <c>gpos-psp-client.crt</c>.</summary>
    public string PspClientCertificatePath { get; set; } = "";

    /// <summary>Private key of <see cref="PspClientCertificatePath"/> (PEM).</summary>
    public string PspClientKeyPath { get; set; } = "";

    /// <summary>Root CA trusted for the PSP's server certificate (PEM); custom root trust, the OS store is not used.</summary>
    public string PspTrustedRootPath { get; set; } = "";

    /// <summary>Time limit of one HTTP attempt to the PSP.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:01:00")]
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>Time limit of one PSP call including its retries; past it GPOS answers 503 and keeps the intent.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:02:00")]
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromSeconds(8);

    /// <summary>Retries after the first attempt, for idempotent calls only (PUT/GET by txid).</summary>
    [Range(0, 10)]
    public int MaxRetryAttempts { get; set; } = 2;

    /// <summary>Base delay of the exponential, jittered retry backoff.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:00:30")]
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Circuit breaker: failure ratio within <see cref="BreakerSamplingDuration"/> that opens the circuit.</summary>
    [Range(0.01, 1.0)]
    public double BreakerFailureRatio { get; set; } = 0.5;

    /// <summary>Circuit breaker: calls needed in the sampling window before it may open.</summary>
    [Range(2, 1000)]
    public int BreakerMinimumThroughput { get; set; } = 10;

    [Range(typeof(TimeSpan), "00:00:00.500", "00:10:00")]
    public TimeSpan BreakerSamplingDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long the circuit stays open before a trial call.</summary>
    [Range(typeof(TimeSpan), "00:00:00.500", "00:10:00")]
    public TimeSpan BreakerBreakDuration { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How often the reconciler looks for intents without a PSP result.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "01:00:00")]
    public TimeSpan ReconcileInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Age of an intent before the reconciler retries it (leaves in-flight requests alone).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan ReconcileMinimumAge { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Age of an intent after which the reconciler stops re-sending it and asks the PSP what it has (GET): completed, or abandoned.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "7.00:00:00")]
    public TimeSpan IntentAbandonAfter { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How far back the reconciler compares ATIVA charges with the PSP (a lost payment webhook is recovered).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "30.00:00:00")]
    public TimeSpan ReconcileLookback { get; set; } = TimeSpan.FromDays(1);

    /// <summary>
    /// PSP notification requests worked at once (ADR 0014). Each holds a database connection and its Pix locks for its
    /// whole batch; a bound keeps a PSP's backlog after an outage from taking the pool and the CPU from everyone else.
    /// </summary>
    [Range(1, 10_000)]
    public int WebhookMaxConcurrentRequests { get; set; } = 16;

    /// <summary>PSP notification requests that wait, oldest first, for one of those; past it the PSP gets 503 and retries.</summary>
    [Range(0, 100_000)]
    public int WebhookQueueLimit { get; set; } = 64;

    /// <summary>Seconds sent in <c>Retry-After</c> with <c>ServicoIndisponivel</c>.</summary>
    [Range(1, 3600)]
    public int RetryAfterSeconds { get; set; } = 5;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (PspBaseUrl is null)
        {
            yield break;
        }

        if (PspBaseUrl.Scheme != Uri.UriSchemeHttps)
        {
            yield return new ValidationResult("PspBaseUrl must be https (mTLS).", [nameof(PspBaseUrl)]);
        }

        if (string.IsNullOrWhiteSpace(PspClientCertificatePath) || string.IsNullOrWhiteSpace(PspClientKeyPath)
            || string.IsNullOrWhiteSpace(PspTrustedRootPath))
        {
            yield return new ValidationResult("PspClientCertificatePath, PspClientKeyPath and PspTrustedRootPath are required with PspBaseUrl.",
                [nameof(PspClientCertificatePath)]);
        }

        if (TotalTimeout < AttemptTimeout)
        {
            yield return new ValidationResult("TotalTimeout must be at least AttemptTimeout.", [nameof(TotalTimeout)]);
        }
    }
}
