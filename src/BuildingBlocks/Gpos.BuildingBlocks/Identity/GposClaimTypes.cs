namespace Gpos.BuildingBlocks.Identity;

/// <summary>Claim types GPOS puts on an authenticated caller.</summary>
public static class GposClaimTypes
{
    public const string Kind = "gpos:kind";
    public const string Id = "gpos:id";
    public const string Merchant = "gpos:merchant";
    public const string CertificateThumbprintSha256 = "gpos:x5t#S256";
    public const string CertificateSerial = "gpos:cert-serial";
    public const string CertificateNotBefore = "gpos:cert-nbf";
    public const string CertificateNotAfter = "gpos:cert-naf";
}
