namespace Gpos.BuildingBlocks.Identity;

/// <summary>The kinds of caller GPOS knows, named as in the certificate URI SAN <c>urn:gpos:{kind}:{id}</c>.</summary>
public enum CallerKind
{
    Terminal,
    Merchant,
    Psp,
    Ops,
}
