using System.Text.Json;
using System.Text.Json.Serialization;

namespace Gpos.TerminalClient.Http;

/// <summary>Body of <c>POST /v1/enrollment</c> (bootstrap port). GPOS rejects unknown members, so nothing else is sent.</summary>
internal sealed record EnrollRequest(string SerialNumber, string ActivationCode, string Csr);

/// <summary>Body of <c>POST /v1/terminals/me/certificate</c> (mTLS port).</summary>
internal sealed record RenewRequest(string Csr);

/// <summary>GPOS's answer to enrollment and renewal. <c>SerialNumber</c> is the certificate's serial, not the device's.</summary>
internal sealed record CertificateResponse(string TerminalId, string MerchantId, string SerialNumber, string Certificate,
    string Chain, DateTimeOffset NotBefore, DateTimeOffset NotAfter, DateTimeOffset RenewAfter);

internal sealed record ProblemResponse(string? Type, string? Title, int? Status, string? Detail);

internal static class Wire
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}
