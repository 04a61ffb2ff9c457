namespace Gpos.IntegrationTests.Reliability.OpenApiFuzz;

/// <summary>Who may call an operation (design.md §2): the identity the fuzzer presents, and the wrong ones it tries.</summary>
internal enum FuzzCaller
{
    /// <summary>Ops bearer token on the bootstrap port (as Swagger UI does).</summary>
    Ops,

    /// <summary>A merchant backend's certificate; the API Pix operations are also called with its OAuth2 access token.</summary>
    Merchant,

    /// <summary>A terminal's certificate.</summary>
    Terminal,

    /// <summary>The PSP's certificate.</summary>
    Psp,

    /// <summary>Nobody: the bootstrap port's anonymous operations (enrollment, CA certificates, CRL).</summary>
    Anonymous,

    /// <summary>Any authenticated caller (<c>GET /v1/me</c>).</summary>
    AnyAuthenticated,
}

internal static class FuzzCallers
{
    /// <summary>
    /// The caller authorized for an operation, by the path's area. An operation under a prefix not listed here has no
    /// caller, and the coverage test fails: a new area must be placed here consciously (and then it is fuzzed).
    /// </summary>
    public static FuzzCaller? For(FuzzOperation operation)
    {
        var path = operation.Path;
        return path switch
        {
            _ when path.StartsWith("/ops/", StringComparison.Ordinal) => FuzzCaller.Ops,
            _ when path.StartsWith("/v1/psp/", StringComparison.Ordinal) => FuzzCaller.Psp,
            _ when path.StartsWith("/v1/card/", StringComparison.Ordinal) => FuzzCaller.Terminal,
            _ when path.StartsWith("/v1/terminals/me/", StringComparison.Ordinal) => FuzzCaller.Terminal,
            "/v1/terminals" or "/v1/terminals/{terminalId}" or "/v1/terminals/{terminalId}/activation-codes" => FuzzCaller.Merchant,
            _ when path.StartsWith("/v1/webhooks/", StringComparison.Ordinal) => FuzzCaller.Merchant,
            _ when path.StartsWith("/v2/", StringComparison.Ordinal) => FuzzCaller.Merchant,
            "/v1/brcode/validate" or "/oauth/token" => FuzzCaller.Merchant,
            _ when path.StartsWith("/v1/pki/", StringComparison.Ordinal) => FuzzCaller.Anonymous,
            "/v1/enrollment" => FuzzCaller.Anonymous,
            "/v1/me" => FuzzCaller.AnyAuthenticated,
            _ => null,
        };
    }

    /// <summary>Certificates of other kinds that must be refused (403) for an operation of <paramref name="caller"/>.</summary>
    public static FuzzCaller[] Wrong(FuzzCaller caller, FuzzOperation operation) => caller switch
    {
        FuzzCaller.Ops => [FuzzCaller.Terminal, FuzzCaller.Merchant, FuzzCaller.Psp],
        // The Pix charge surface admits merchants and their terminals alike; the rest of the merchant area only merchants.
        FuzzCaller.Merchant when operation.Path.StartsWith("/v2/cob", StringComparison.Ordinal)
                                 || operation.Path.StartsWith("/v2/pix", StringComparison.Ordinal)
                                 || operation.Path == "/v1/brcode/validate" => [FuzzCaller.Psp],
        FuzzCaller.Merchant when operation.Path == "/oauth/token" => [FuzzCaller.Terminal, FuzzCaller.Psp],
        FuzzCaller.Merchant => [FuzzCaller.Terminal, FuzzCaller.Psp],
        FuzzCaller.Terminal => [FuzzCaller.Merchant, FuzzCaller.Psp],
        FuzzCaller.Psp => [FuzzCaller.Merchant, FuzzCaller.Terminal],
        _ => [],
    };

    /// <summary>Scoped API Pix operations: also called with the merchant's certificate-bound OAuth2 access token.</summary>
    public static bool TakesAccessToken(FuzzOperation operation) =>
        operation.Path.StartsWith("/v2/cob", StringComparison.Ordinal) || operation.Path.StartsWith("/v2/pix", StringComparison.Ordinal)
        || operation.Path == "/v1/brcode/validate";
}
