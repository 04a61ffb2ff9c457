namespace Gpos.BrCode.Tests;

internal static class ModelAssert
{
    public static void Same(BrCode expected, BrCode actual)
    {
        Assert.Equal(expected.Kind, actual.Kind);
        Assert.Equal(expected.PayloadFormatIndicator, actual.PayloadFormatIndicator);
        Assert.Equal(expected.PointOfInitiation, actual.PointOfInitiation);
        Assert.Equal(expected.Gui, actual.Gui);
        Assert.Equal(expected.Key, actual.Key);
        Assert.Equal(expected.AdditionalInfo, actual.AdditionalInfo);
        Assert.Equal(expected.Fss, actual.Fss);
        Assert.Equal(expected.Url, actual.Url);
        Assert.Equal(expected.MerchantCategoryCode, actual.MerchantCategoryCode);
        Assert.Equal(expected.CurrencyCode, actual.CurrencyCode);
        Assert.Equal(expected.Amount, actual.Amount);
        Assert.Equal(expected.CountryCode, actual.CountryCode);
        Assert.Equal(expected.MerchantName, actual.MerchantName);
        Assert.Equal(expected.MerchantCity, actual.MerchantCity);
        Assert.Equal(expected.PostalCode, actual.PostalCode);
        Assert.Equal(expected.ReferenceLabel, actual.ReferenceLabel);
        Assert.Equal(expected.TxId, actual.TxId);
        Assert.Equal(expected.AccountExtraFields, actual.AccountExtraFields);
        Assert.Equal(expected.AdditionalDataFields, actual.AdditionalDataFields);
        Assert.Equal(expected.OtherFields, actual.OtherFields);
        Assert.Equal(expected.UnreservedTemplates, actual.UnreservedTemplates);
        Assert.Equal(expected.Crc, actual.Crc);
    }
}
