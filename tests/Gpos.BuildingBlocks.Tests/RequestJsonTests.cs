using System.Text.Json;
using System.Text.Json.Nodes;
using Gpos.BuildingBlocks.Http;

namespace Gpos.BuildingBlocks.Tests;

/// <summary>Request bodies that cannot be recorded are refused while parsing, as malformed JSON (the caller's 400).</summary>
public sealed class RequestJsonTests
{
    [Theory]
    [InlineData("""{"a":1,"a":2}""")]
    [InlineData("""{"pix":[{"e":"x","e":"y"}]}""")]
    [InlineData("""{"chave":"a\u0000b"}""")]
    [InlineData("""{"pix":[{"devolucoes":[{"motivo":"\u0000"}]}]}""")]
    [InlineData("""{"a\u0000":1}""")]
    [InlineData("""["ok","\u0000"]""")]
    [InlineData("""{"a":""")]
    public void Parse_Unrecordable_ThrowsJsonException(string text) =>
        Assert.ThrowsAny<JsonException>(() => RequestJson.Parse(text));

    [Theory]
    [InlineData("""{"chave":"a\\u0000b"}""", "a\\u0000b")]
    [InlineData("""{"chave":"Ação 0"}""", "Ação 0")]
    public void Parse_OrdinaryText_IsKept(string text, string chave) =>
        Assert.Equal(chave, RequestJson.Parse(text)!["chave"]!.GetValue<string>());

    [Fact]
    public void Parse_NestedDocument_KeepsItsShape()
    {
        var node = RequestJson.Parse("""{"pix":[{"valor":"1.00"},{"valor":"2.00"}],"n":null}""") as JsonObject;

        Assert.Equal(2, node!["pix"]!.AsArray().Count);
        Assert.Null(node["n"]);
    }
}
