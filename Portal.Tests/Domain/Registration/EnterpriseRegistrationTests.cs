using Portal.Domain;
using Portal.Domain.Organisation;
using Portal.Domain.Registration;

namespace Portal.Tests.Domain.Registration;

public class EnterpriseRegistrationTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 9, 0, 0, TimeSpan.FromHours(8));
    private static readonly UnifiedSocialCreditCode Code = UnifiedSocialCreditCode.Parse("91370405MA3C8K2L60");

    private static EnterpriseRegistration Known() => new("applicant", "创普斯", Code, enterpriseId: 7, Now);

    private static EnterpriseRegistration New() => new("applicant", "创普斯", Code, enterpriseId: null, Now);

    [Fact]
    public void Approve_AUserOfAKnownEnterprise_RecordsWhoAndWhen()
    {
        var registration = Known();

        registration.Approve("commissioner", Now.AddHours(1));

        Assert.Equal((RegistrationStatus.Approved, "commissioner", Now.AddHours(1), 7), (registration.Status, registration.DecidedByUserId, registration.DecidedAt, registration.EnterpriseId));
    }

    [Fact]
    public void Approve_ANewEnterpriseWithoutCreatingIt_IsRefused()
    {
        var failure = Assert.Throws<DomainException>(() => New().Approve("supervisor", Now));

        Assert.Contains("园区与行业", failure.Message);
    }

    [Fact]
    public void ApproveWithEnterprise_OfAnotherCode_IsRefused()
    {
        var other = new Enterprise("别家", UnifiedSocialCreditCode.Parse("91350100M000100Y43"), 1, 1, false);

        Assert.Throws<DomainException>(() => New().ApproveWithEnterprise("supervisor", other, Now));
    }

    [Fact]
    public void Refuse_WithoutAReason_IsRefused() =>
        Assert.Throws<DomainException>(() => Known().Refuse("commissioner", " ", Now));

    [Fact]
    public void Decide_TwiceOver_IsRefused()
    {
        var registration = Known();
        registration.Refuse("commissioner", "非本企业员工", Now);

        var failure = Assert.Throws<DomainException>(() => registration.Approve("commissioner", Now));

        Assert.Equal("该注册申请已被退回", failure.Message);
        Assert.Equal("非本企业员工", registration.RefusalReason);
    }

    [Theory]
    [InlineData("13905320000", true)]
    [InlineData("139 0532 0000", true)]
    [InlineData("199-0532-0000", true)]
    [InlineData("12905320000", false)]
    [InlineData("1390532000", false)]
    [InlineData("139053200001", false)]
    [InlineData("1390532000a", false)]
    [InlineData("", false)]
    public void MobileNumber_IsElevenDigitsStartingOneThenThreeToNine(string text, bool valid) =>
        Assert.Equal(valid, MobileNumber.IsValid(text));

    [Theory]
    [InlineData("91370405MA3C8K2L61", CreditCodeProblemKind.CheckCharacter)]
    [InlineData("91370405MA3C8K2L6", CreditCodeProblemKind.Length)]
    [InlineData("91370405MA3C8K2LI0", CreditCodeProblemKind.Character)]
    [InlineData("9137A405MA3C8K2L60", CreditCodeProblemKind.RegionCode)]
    public void Diagnose_NamesWhatIsWrong(string code, CreditCodeProblemKind kind) =>
        Assert.Equal(kind, UnifiedSocialCreditCode.Diagnose(code)!.Kind);
}
