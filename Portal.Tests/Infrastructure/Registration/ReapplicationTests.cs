using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Identity;
using Portal.Domain.Registration;
using Portal.Infrastructure.Data;
using Portal.Infrastructure.Registration;
using Portal.Tests.Support;
using static Portal.Tests.Infrastructure.Registration.RegistrationPortals;

namespace Portal.Tests.Infrastructure.Registration;

/// <summary>A refused applicant applies again from the same account (decision 014), on both databases.</summary>
public class ReapplicationTests(RegistrationPortals portals) : IClassFixture<RegistrationPortals>
{
    public static TheoryData<DatabaseProvider> Providers => new() { DatabaseProvider.Sqlite, DatabaseProvider.Postgres };

    private static Task<string> EmailOfAsync(SeededPortal portal, string userId) =>
        portal.QueryAsync(db => db.Users.Where(u => u.Id == userId).Select(u => u.Email!).SingleAsync());

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task ARefusedApplicant_AppliesAgainWithCorrectedDetails_WaitsForTheApproverAgain_AndIsApproved(DatabaseProvider provider)
    {
        var portal = await portals.ForAsync(provider);
        var commissioner = await portal.UserAsync("commissioner@yqby.test");
        var supervisor = await portal.UserAsync("supervisor@yqby.test");
        // First for a new enterprise under a name of their own making; the supervisors refuse it.
        var (applicant, first) = await RegisterAsync(portal, NewCode(), "创普斯公司");
        Assert.True(await Approvals(portal).RefuseAsync(supervisor, first, "贵公司已在平台登记，请填写其统一社会信用代码"));
        var refused = await Approvals(portal).StandingOfAsync(applicant);
        Assert.True(refused!.MayReapply);
        Assert.Equal("王申请", refused.ApplicantName);

        Assert.True(await Approvals(portal).ReapplyAsync(applicant, new ReapplicationInput("王申请", "139-0532-0002", "枣庄创普斯新能源科技有限公司", KnownCode)));

        var standing = await Approvals(portal).StandingOfAsync(applicant);
        Assert.Equal(RegistrationStatus.Pending, standing!.Status);
        Assert.Equal(KnownCode, standing.CreditCode);
        Assert.False(standing.WaitsForSupervisors);
        Assert.False(standing.MayReapply);
        Assert.Equal("13905320002", await portal.QueryAsync(db => db.Users.Where(u => u.Id == applicant).Select(u => u.PhoneNumber).SingleAsync()));
        // The refusal stays on record as it was decided.
        var history = await portal.QueryAsync(db => db.Registrations.Where(r => r.ApplicantUserId == applicant).OrderBy(r => r.Id)
            .Select(r => new { r.Id, r.Status, r.RefusalReason }).ToListAsync());
        Assert.Equal([RegistrationStatus.Refused, RegistrationStatus.Pending], history.Select(r => r.Status));
        Assert.Equal("贵公司已在平台登记，请填写其统一社会信用代码", history[0].RefusalReason);
        var second = history[1].Id;
        Assert.True(await portal.QueryAsync(db => db.PortalNotifications.AnyAsync(
            n => n.UserId == commissioner.Id && n.RegistrationId == second && n.RegistrationStep == RegistrationStep.Submitted)));
        Assert.Contains(await AllPendingAsync(portal, commissioner), r => r.Id == second);

        Assert.True(await Approvals(portal).ApproveAsync(commissioner, second));
        var approved = await portal.UserAsync(await EmailOfAsync(portal, applicant));
        Assert.Equal(Roles.Enterprise, approved.Role);
        Assert.False(await Approvals(portal).ReapplyAsync(applicant, new ReapplicationInput("王申请", "13905320002", "创普斯", KnownCode)));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task AnApplicantWhoIsWaitingOrWasApproved_CannotApplyAgain_AndNothingChanges(DatabaseProvider provider)
    {
        var portal = await portals.ForAsync(provider);
        var commissioner = await portal.UserAsync("commissioner@yqby.test");
        var (waiting, _) = await RegisterAsync(portal, KnownCode, "创普斯");
        var (approved, id) = await RegisterAsync(portal, KnownCode, "创普斯");
        Assert.True(await Approvals(portal).ApproveAsync(commissioner, id));
        var demoUser = await portal.UserAsync("enterprise@yqby.test");

        foreach (var user in new[] { waiting, approved, demoUser.Id })
        {
            Assert.False(await Approvals(portal).ReapplyAsync(user, new ReapplicationInput("冒名", "13905329999", "别的企业", NewCode())));
        }

        Assert.Equal(1, await portal.QueryAsync(db => db.Registrations.CountAsync(r => r.ApplicantUserId == waiting)));
        Assert.Equal(1, await portal.QueryAsync(db => db.Registrations.CountAsync(r => r.ApplicantUserId == approved)));
        Assert.False(await portal.QueryAsync(db => db.Registrations.AnyAsync(r => r.ApplicantUserId == demoUser.Id)));
        Assert.False(await portal.QueryAsync(db => db.Users.AnyAsync(u => u.DisplayName == "冒名")));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task RegisteringAgainWithARefusedApplicantsEmail_SaysToSignInAndApplyAgain_WhileATakenAddressIsJustTaken(DatabaseProvider provider)
    {
        var portal = await portals.ForAsync(provider);
        var commissioner = await portal.UserAsync("commissioner@yqby.test");
        var (refused, id) = await RegisterAsync(portal, KnownCode, "创普斯");
        Assert.True(await Approvals(portal).RefuseAsync(commissioner, id, "经核实非本企业员工"));
        var (waiting, _) = await RegisterAsync(portal, KnownCode, "创普斯");

        async Task<RegistrationResult> RegisterWithAsync(string email)
        {
            await using var scope = portal.Services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<Registrar>().RegisterAsync(
                new RegistrationInput("王申请", "13905320001", email, "Canal#Boat-88", "创普斯", KnownCode));
        }

        var again = await RegisterWithAsync(await EmailOfAsync(portal, refused));
        var taken = await RegisterWithAsync(await EmailOfAsync(portal, waiting));

        var problem = Assert.Single(again.Problems);
        Assert.Equal(RegistrationField.Email, problem.Field);
        Assert.Equal(Registrar.RefusedApplicantCode, problem.Error.Code);
        Assert.Contains(taken.Problems, p => p.Field == RegistrationField.Email && p.Error.Code == "DuplicateEmail");
        Assert.Equal(1, await portal.QueryAsync(db => db.Registrations.CountAsync(r => r.ApplicantUserId == refused)));
    }
}
