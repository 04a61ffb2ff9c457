namespace Gpos.BrCode;

/// <summary>Tag 01, Point of Initiation Method (EMV QRCPS-MPM).</summary>
public enum PointOfInitiationMethod
{
    /// <summary><c>11</c>: the code may be paid many times (static).</summary>
    Reusable = 11,

    /// <summary><c>12</c>: the code is meant for a single payment (dynamic).</summary>
    SingleUse = 12,
}
