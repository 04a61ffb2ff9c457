using System.ComponentModel.DataAnnotations;

namespace Gpos.Webhooks;

/// <summary>Settings of the Webhooks module (section <c>Gpos:Webhooks</c>).</summary>
public sealed class WebhooksOptions : IValidatableObject
{
    public const string Section = "Gpos:Webhooks";

    /// <summary>Runs the delivery workers in this instance (every instance may: claims use <c>FOR UPDATE SKIP LOCKED</c>).</summary>
    public bool DeliveryEnabled { get; set; } = true;

    /// <summary>Accept plain http and loopback/private/link-local targets (development and tests only).</summary>
    public bool AllowPrivateTargets { get; set; }

    /// <summary>
    /// Delays before the 2nd, 3rd, ... attempt (each jittered ±20 %); after the last one fails the delivery is dead-lettered.
    /// Empty means <see cref="DefaultRetrySchedule"/> (the configuration binder appends to a non-empty list, so the default
    /// lives apart and a configured list replaces it).
    /// </summary>
    public List<TimeSpan> RetrySchedule { get; set; } = [];

    /// <summary>About three days of retries (Standard Webhooks practice; design.md §5).</summary>
    public static IReadOnlyList<TimeSpan> DefaultRetrySchedule { get; } =
    [
        TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(30),
        TimeSpan.FromHours(1), TimeSpan.FromHours(2), TimeSpan.FromHours(4), TimeSpan.FromHours(8), TimeSpan.FromHours(12),
        TimeSpan.FromHours(16), TimeSpan.FromHours(24),
    ];

    internal IReadOnlyList<TimeSpan> Schedule => RetrySchedule.Count > 0 ? RetrySchedule : DefaultRetrySchedule;

    /// <summary>Time limit of one POST, connect to last response byte read.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:01:00")]
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How often an idle worker looks for due deliveries.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:01:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Deliveries in flight per instance.</summary>
    [Range(1, 256)]
    public int MaxConcurrency { get; set; } = 16;

    /// <summary>Deliveries in flight per endpoint and instance: one slow endpoint never takes every slot.</summary>
    [Range(1, 64)]
    public int MaxConcurrencyPerEndpoint { get; set; } = 4;

    /// <summary>Longest <c>Retry-After</c> honoured; a longer one is capped.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "2.00:00:00")]
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromHours(24);

    /// <summary>How long the previous secret keeps signing after a rotation (both signatures are sent).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "30.00:00:00")]
    public TimeSpan SecretRotationOverlap { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Circuit breaker per endpoint: failure ratio in the sampling window that opens it.</summary>
    [Range(0.01, 1.0)]
    public double BreakerFailureRatio { get; set; } = 0.5;

    [Range(2, 1000)]
    public int BreakerMinimumThroughput { get; set; } = 5;

    [Range(typeof(TimeSpan), "00:00:00.500", "01:00:00")]
    public TimeSpan BreakerSamplingDuration { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How long an open circuit fails fast; deliveries due meanwhile are postponed without spending an attempt.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "01:00:00")]
    public TimeSpan BreakerBreakDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Largest registration body accepted (URL length is also limited to 2048).</summary>
    [Range(256, 65536)]
    public int MaxRegistrationBytes { get; set; } = 4096;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (RetrySchedule.Any(d => d <= TimeSpan.Zero))
        {
            yield return new ValidationResult("Every RetrySchedule delay must be positive.", [nameof(RetrySchedule)]);
        }
    }
}
