using System.Net;
using Gpos.WebhookReceiver;
using Gpos.Webhooks.Delivery;
using Gpos.Webhooks.Registration;

namespace Gpos.Webhooks.Tests;

/// <summary>The signer against the Standard Webhooks reference vector, and the receiver's independent verifier.</summary>
public sealed class SignatureTests
{
    // standard-webhooks/standard-webhooks test vector (libraries' "test_sign_function").
    private const string Secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private const string MessageId = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    private const long Timestamp = 1614265330;
    private const string Body = """{"test": 2432232314}""";
    private const string Expected = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

    private static readonly DateTimeOffset At = DateTimeOffset.FromUnixTimeSeconds(Timestamp);

    [Fact]
    public void Sign_ReferenceVector_MatchesStandardWebhooks() =>
        Assert.Equal(Expected, WebhookSignature.Sign([Secret], MessageId, Timestamp, Body));

    [Fact]
    public void Sign_TwoSecrets_TwoSpaceSeparatedSignaturesEachVerifiable()
    {
        var other = SigningSecret.Create();
        var header = WebhookSignature.Sign([other, Secret], MessageId, Timestamp, Body);

        Assert.Equal(2, header.Split(' ').Length);
        Assert.Equal([other, Secret], SignatureVerifier.ValidSecrets([other, Secret], MessageId, "1614265330", Body, header, At));
    }

    [Theory]
    [InlineData(MessageId, "1614265330", """{"test": 2432232315}""")] // body changed
    [InlineData("msg_other", "1614265330", Body)]                     // id changed
    [InlineData(MessageId, "1614265331", Body)]                       // timestamp changed
    public void Verify_TamperedMessage_Rejected(string id, string timestamp, string body) =>
        Assert.Empty(SignatureVerifier.ValidSecrets([Secret], id, timestamp, body, Expected, At));

    [Fact]
    public void Verify_StaleTimestamp_Rejected() =>
        Assert.Empty(SignatureVerifier.ValidSecrets([Secret], MessageId, "1614265330", Body, Expected, At.AddMinutes(10)));

    [Theory]
    [InlineData("127.0.0.1", true)]
    [InlineData("10.20.30.40", true)]
    [InlineData("172.31.255.255", true)]
    [InlineData("172.32.0.1", false)]
    [InlineData("192.168.1.1", true)]
    [InlineData("169.254.169.254", true)]
    [InlineData("100.100.100.100", true)]
    [InlineData("0.0.0.0", true)]
    [InlineData("224.0.0.1", true)]
    [InlineData("8.8.8.8", false)]
    [InlineData("::1", true)]
    [InlineData("fe80::1", true)]
    [InlineData("fd12:3456::1", true)]
    [InlineData("::ffff:10.0.0.1", true)]
    [InlineData("2001:4860:4860::8888", false)]
    public void IsForbidden_AddressRanges(string address, bool forbidden) =>
        Assert.Equal(forbidden, UrlGuard.IsForbidden(IPAddress.Parse(address)));
}
