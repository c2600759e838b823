using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Infrastructure.Notifications;
using Portal.Domain;
using Portal.Domain.Identity;
using Portal.Domain.Registration;
using Portal.Infrastructure.Data;
using Portal.Infrastructure.Registration;
using Portal.Infrastructure.Requests;
using Portal.Tests.Support;
using static Portal.Tests.Infrastructure.Registration.RegistrationPortals;

namespace Portal.Tests.Infrastructure.Registration;

public class RegistrationApprovalTests(RegistrationPortals portals) : IClassFixture<RegistrationPortals>
{
    public static TheoryData<DatabaseProvider> Providers => new() { DatabaseProvider.Sqlite, DatabaseProvider.Postgres };

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Register_ForAKnownEnterprise_WaitsForItsCommissioner_WhoIsToldAndApproves(DatabaseProvider provider)
    {
        var portal = await portals.ForAsync(provider);
        var commissioner = await portal.UserAsync("commissioner@yqby.test");

        var (applicant, id) = await RegisterAsync(portal, KnownCode, "创普斯");

        var before = await portal.QueryAsync(db => db.Users.Where(u => u.Id == applicant).Select(u => new { u.EnterpriseId, u.PhoneNumber, u.DisplayName }).SingleAsync());
        Assert.Null(before.EnterpriseId);
        Assert.Equal("13905320001", before.PhoneNumber);
        Assert.False(await portal.QueryAsync(db => db.UserRoles.AnyAsync(r => r.UserId == applicant)));
        Assert.Contains(await AllPendingAsync(portal, commissioner), r => r.Id == id && r.KnownEnterpriseName == "枣庄创普斯新能源科技有限公司");
        Assert.True(await portal.QueryAsync(db => db.PortalNotifications.AnyAsync(n => n.UserId == commissioner.Id && n.RegistrationId == id && n.RegistrationStep == RegistrationStep.Submitted)));
        Assert.True(await portal.QueryAsync(db => db.OutboxMessages.AnyAsync(m => m.RecipientUserId == commissioner.Id && m.EventType == "Registration.Submitted" && m.Subject.Contains("创普斯"))));
        var notice = (await portal.Services.GetRequiredService<NotificationInbox>().ListAsync(commissioner.Id, pageSize: 100)).Items
            .Single(n => n.Registration == RegistrationStep.Submitted && n.RequestTitle == "创普斯");
        Assert.Null(notice.Action);
        var standing = await Approvals(portal).StandingOfAsync(applicant);
        Assert.Equal(RegistrationStatus.Pending, standing!.Status);
        Assert.False(standing.WaitsForSupervisors);

        Assert.True(await Approvals(portal).ApproveAsync(commissioner, id));

        var after = await portal.UserAsync(await portal.QueryAsync(db => db.Users.Where(u => u.Id == applicant).Select(u => u.Email!).SingleAsync()));
        Assert.Equal(Roles.Enterprise, after.Role);
        Assert.Equal(await EnterpriseIdAsync(portal, KnownCode), after.EnterpriseId);
        Assert.Equal(RegistrationStatus.Approved, (await Approvals(portal).StandingOfAsync(applicant))!.Status);
        Assert.DoesNotContain(await AllPendingAsync(portal, commissioner), r => r.Id == id);
        Assert.True(await portal.QueryAsync(db => db.PortalNotifications.AnyAsync(n => n.UserId == applicant && n.RegistrationStep == RegistrationStep.Approved)));
        Assert.True(await portal.QueryAsync(db => db.OutboxMessages.AnyAsync(m => m.RecipientUserId == applicant && m.EventType == "Registration.Approved")));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Register_ForANewEnterprise_CreatesNoEnterpriseUntilASupervisorApprovesItInTheParkAndIndustryChosen(DatabaseProvider provider)
    {
        var portal = await portals.ForAsync(provider);
        var supervisor = await portal.UserAsync("supervisor@yqby.test");
        var code = NewCode();

        var (applicant, id) = await RegisterAsync(portal, code, "台儿庄新兴材料有限公司");
        var (colleague, colleagueId) = await RegisterAsync(portal, code, "台儿庄新兴材料");

        Assert.False(await portal.QueryAsync(db => db.Enterprises.AnyAsync(e => e.Name == "台儿庄新兴材料有限公司")));
        Assert.True((await Approvals(portal).StandingOfAsync(applicant))!.WaitsForSupervisors);
        Assert.Contains(await AllPendingAsync(portal, supervisor), r => r.Id == id && r.EnterpriseId == null);
        var refused = await Record.ExceptionAsync(() => Approvals(portal).ApproveAsync(supervisor, id));
        Assert.IsType<DomainException>(refused);
        Assert.False(await portal.QueryAsync(db => db.Enterprises.AnyAsync(e => e.Name == "台儿庄新兴材料有限公司")));

        var (parks, industries) = await Approvals(portal).EnterpriseChoicesAsync();
        var park = parks.Single(p => p.Name == "临港工业园");
        var industry = industries.Single(i => i.Name == "新材料");
        Assert.True(await Approvals(portal).ApproveAsync(supervisor, id, new NewEnterpriseDetails(park.Id, industry.Id, IsAboveScale: false)));

        var enterprise = await portal.QueryAsync(db => db.Enterprises.SingleAsync(e => e.Name == "台儿庄新兴材料有限公司"));
        Assert.Equal((park.Id, industry.Id, code), (enterprise.ParkId, enterprise.IndustryId, enterprise.CreditCode.Value));
        Assert.Equal(enterprise.Id, (await portal.QueryAsync(db => db.Users.SingleAsync(u => u.Id == applicant))).EnterpriseId);
        // The colleague who applied for the same code now joins it, still waiting (no commissioner yet: the supervisors).
        var joining = Assert.Single(await AllPendingAsync(portal, supervisor), r => r.Id == colleagueId);
        Assert.Equal(enterprise.Id, joining.EnterpriseId);
        Assert.True(await Approvals(portal).ApproveAsync(supervisor, colleagueId));
        Assert.Equal(enterprise.Id, (await portal.QueryAsync(db => db.Users.SingleAsync(u => u.Id == colleague))).EnterpriseId);
        Assert.Equal(1, await portal.QueryAsync(db => db.Enterprises.CountAsync(e => e.Name == "台儿庄新兴材料有限公司")));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Pending_ReadsOnByKeyset_PagesJoinWithoutGapsOrRepeats_AndHoldOnlyTheApproversOwn(DatabaseProvider provider)
    {
        var portal = await portals.ForAsync(provider);
        var commissioner = await portal.UserAsync("commissioner@yqby.test");
        var ids = new List<long>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add((await RegisterAsync(portal, KnownCode, $"创普斯分页{i}")).RegistrationId);
        }

        var first = await Approvals(portal).PendingAsync(commissioner, pageSize: 2);
        var walked = await AllPendingAsync(portal, commissioner, pageSize: 2);
        var whole = await Approvals(portal).PendingAsync(commissioner, pageSize: RegistrationApprovals.MaxPageSize);

        Assert.Equal(2, first.Rows.Count);
        Assert.Equal(first.Rows[^1].Id, first.Next);
        Assert.Null(whole.Next);
        Assert.Equal(whole.Rows.Select(r => r.Id), walked.Select(r => r.Id));
        Assert.Equal(walked.Select(r => r.Id).Order(), walked.Select(r => r.Id));
        Assert.Subset(walked.Select(r => r.Id).ToHashSet(), ids.ToHashSet());
        Assert.Empty((await Approvals(portal).PendingAsync(commissioner, afterId: walked[^1].Id, pageSize: 2)).Rows);
        // Another commissioner's page, and an enterprise user's, hold none of them however far they read.
        Assert.DoesNotContain(await AllPendingAsync(portal, await portal.UserAsync("commissioner2@yqby.test"), pageSize: 2), r => ids.Contains(r.Id));
        Assert.Empty(await AllPendingAsync(portal, await portal.UserAsync("enterprise@yqby.test"), pageSize: 2));
        foreach (var id in ids)
        {
            Assert.True(await Approvals(portal).RefuseAsync(commissioner, id, "分页测试"));
        }
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Refuse_NeedsAReason_ThenTellsTheApplicantWhoKeepsNoRole(DatabaseProvider provider)
    {
        var portal = await portals.ForAsync(provider);
        var commissioner = await portal.UserAsync("commissioner@yqby.test");
        var (applicant, id) = await RegisterAsync(portal, KnownCode);

        var noReason = await Record.ExceptionAsync(() => Approvals(portal).RefuseAsync(commissioner, id, "  "));
        Assert.IsType<DomainException>(noReason);
        Assert.True(await Approvals(portal).RefuseAsync(commissioner, id, "经核实非本企业员工"));

        var standing = await Approvals(portal).StandingOfAsync(applicant);
        Assert.Equal((RegistrationStatus.Refused, "经核实非本企业员工"), (standing!.Status, standing.RefusalReason));
        Assert.False(await portal.QueryAsync(db => db.UserRoles.AnyAsync(r => r.UserId == applicant)));
        Assert.True(await portal.QueryAsync(db => db.OutboxMessages.AnyAsync(m => m.RecipientUserId == applicant && m.EventType == "Registration.Refused" && m.TextBody.Contains("经核实非本企业员工"))));
        // Decided: it is found no more, by anyone.
        Assert.False(await Approvals(portal).ApproveAsync(commissioner, id));
        Assert.False(await Approvals(portal).RefuseAsync(commissioner, id, "再次退回"));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Register_ForAnEnterpriseWhoseCommissionerWasDeactivated_WaitsForTheSupervisors(DatabaseProvider provider)
    {
        var portal = await portals.ForAsync(provider);
        var supervisor = await portal.UserAsync("supervisor@yqby.test");
        var commissioner3 = await portal.UserAsync("commissioner3@yqby.test");
        const string maWei = "913704059770K2391G";
        await portal.QueryAsync(async db =>
        {
            var user = await db.Users.SingleAsync(u => u.Id == commissioner3.Id);
            user.Deactivate(DateTimeOffset.UtcNow);
            return await db.SaveChangesAsync();
        });

        var (_, id) = await RegisterAsync(portal, maWei, "马威电力");

        Assert.DoesNotContain(await AllPendingAsync(portal, commissioner3), r => r.Id == id);
        Assert.False(await Approvals(portal).ApproveAsync(commissioner3, id));
        Assert.Contains(await AllPendingAsync(portal, supervisor), r => r.Id == id);
        Assert.True(await portal.QueryAsync(db => db.PortalNotifications.AnyAsync(n => n.UserId == supervisor.Id && n.RegistrationId == id)));
        Assert.True(await Approvals(portal).ApproveAsync(supervisor, id));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Approve_ByTwoApproversAtOnce_ApprovesOnce(DatabaseProvider provider)
    {
        var portal = await portals.ForAsync(provider);
        var commissioner = await portal.UserAsync("commissioner@yqby.test");
        var (applicant, id) = await RegisterAsync(portal, KnownCode);

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 2).Select(async _ =>
        {
            try
            {
                return await Approvals(portal).ApproveAsync(commissioner, id) ? "approved" : "not found";
            }
            catch (RegistrationChangedException)
            {
                return "changed";
            }
        }));

        Assert.Single(outcomes, o => o == "approved");
        Assert.Equal(1, await portal.QueryAsync(db => db.UserRoles.CountAsync(r => r.UserId == applicant)));
        Assert.Equal(1, await portal.QueryAsync(db => db.PortalNotifications.CountAsync(n => n.UserId == applicant)));
    }

    private static Task<int> EnterpriseIdAsync(SeededPortal portal, string code) =>
        portal.QueryAsync(db => db.Enterprises.Where(e => e.CreditCode == Portal.Domain.Organisation.UnifiedSocialCreditCode.Parse(code)).Select(e => e.Id).SingleAsync());
}
