using Microsoft.EntityFrameworkCore;
using Portal.Domain;
using Portal.Domain.Requests;
using Portal.Infrastructure.Data;
using Portal.Infrastructure.Requests;
using Portal.Tests.Infrastructure.Projects;
using Portal.Tests.Support;

namespace Portal.Tests.Infrastructure.Requests;

/// <summary>The project chosen in the filing form's draft, on both databases: kept across a reload, never another enterprise's.</summary>
public class DraftProjectTests
{
    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task TheEnterprisesProject_IsKeptInTheDraft_AcrossAReload(DatabaseProvider provider)
    {
        await using var filing = await FilingPortal.CreateAsync(provider);
        var project = await ProjectServiceTests.AddProjectAsync(filing.Portal);
        var enterprise = await filing.UserAsync("enterprise@yqby.test");

        await filing.Filing.SaveDraftAsync(enterprise, null, null, null, Urgency.Normal, "二期用地", "草稿", project);

        var reloaded = await filing.Filing.DraftAsync(enterprise);
        Assert.Equal(project, reloaded.ProjectId);
        Assert.Equal("二期用地", reloaded.Title);

        await filing.Filing.SaveDraftAsync(enterprise, null, null, null, Urgency.Normal, "二期用地", "草稿", projectId: null);
        Assert.Null((await filing.Filing.DraftAsync(enterprise)).ProjectId);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task ACommissionersDraft_KeepsAProjectOnlyOfTheEnterpriseChosen(DatabaseProvider provider)
    {
        await using var filing = await FilingPortal.CreateAsync(provider);
        var project = await ProjectServiceTests.AddProjectAsync(filing.Portal);
        var commissioner = await filing.UserAsync("commissioner@yqby.test");
        var chuangpusi = (await filing.UserAsync("enterprise@yqby.test")).EnterpriseId!.Value;
        var fengyuan = (await filing.UserAsync("enterprise2@yqby.test")).EnterpriseId!.Value;

        await filing.Filing.SaveDraftAsync(commissioner, chuangpusi, RequestChannel.Visit, null, Urgency.Normal, "走访记录", "", project);
        Assert.Equal(project, (await filing.Filing.DraftAsync(commissioner)).ProjectId);

        // The same commissioner looks after 丰元汇能 too, but the project is 创普斯's.
        await filing.Filing.SaveDraftAsync(commissioner, fengyuan, RequestChannel.Visit, null, Urgency.Normal, "走访记录", "", project);
        var draft = await filing.Filing.DraftAsync(commissioner);
        Assert.Equal(fengyuan, draft.EnterpriseId);
        Assert.Null(draft.ProjectId);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task AnotherEnterprisesProject_IsNotKeptInTheDraft_AndRefusedAsNotFoundOnSubmit(DatabaseProvider provider)
    {
        await using var filing = await FilingPortal.CreateAsync(provider);
        var theirs = await ProjectServiceTests.AddProjectAsync(filing.Portal, "enterprise2@yqby.test");
        var enterprise = await filing.UserAsync("enterprise@yqby.test");
        var category = await filing.Portal.QueryAsync(db => db.RequestCategories.Where(c => c.Code == "LAND").Select(c => c.Id).SingleAsync());

        await filing.Filing.SaveDraftAsync(enterprise, null, null, category, Urgency.Normal, "二期用地", "草稿", theirs);
        Assert.Null((await filing.Filing.DraftAsync(enterprise)).ProjectId);

        var refusal = await Assert.ThrowsAsync<DomainException>(() => filing.Portal.RequestsAsync(s => s.SubmitAsync(enterprise, new SubmitRequestInput(
            enterprise.EnterpriseId!.Value, category, Urgency.Normal, RequestChannel.Portal, "二期用地", "请协调用地报批。", ProjectId: theirs))));
        var missing = await Assert.ThrowsAsync<DomainException>(() => filing.Portal.RequestsAsync(s => s.SubmitAsync(enterprise, new SubmitRequestInput(
            enterprise.EnterpriseId!.Value, category, Urgency.Normal, RequestChannel.Portal, "二期用地", "请协调用地报批。", ProjectId: theirs + 1000))));
        Assert.Equal("Request.ProjectNotOfEnterprise", refusal.Code);
        Assert.Equal(refusal.Code, missing.Code);
        Assert.Equal(0, await filing.Portal.QueryAsync(db => db.ServiceRequests.CountAsync()));
        Assert.Equal("二期用地", (await filing.Filing.DraftAsync(enterprise)).Title);
    }
}
