using Portal.Domain;
using Portal.Domain.Requests;
using static Portal.Tests.Domain.Requests.RequestBuilder;

namespace Portal.Tests.Domain.Requests;

public class ServiceRequestRulesTests
{
    private static DomainException Refusal(Action action) => Assert.Throws<DomainException>(action);

    [Fact]
    public void Submit_WithAnOverlongTitle_IsRefused()
    {
        var refusal = Refusal(() => ServiceRequest.Submit(EnterpriseUser, "YQBY-20260302-0001", EnterpriseId, RequestChannel.Portal, 1,
            Urgency.Normal, new string('长', 101), "内容", Commissioner.UserId, null, RequestTargets.Defaults(Urgency.Normal), Days, MondayMorning));

        Assert.Equal("诉求标题不能超过 100 个字符", refusal.Message);
    }

    [Fact]
    public void Submit_ForAnotherEnterprise_IsRefused()
    {
        var refusal = Refusal(() => ServiceRequest.Submit(OtherEnterpriseUser, "YQBY-20260302-0001", EnterpriseId, RequestChannel.Portal, 1,
            Urgency.Normal, "标题", "内容", Commissioner.UserId, null, RequestTargets.Defaults(Urgency.Normal), Days, MondayMorning));

        Assert.Contains("本企业", refusal.Message);
    }

    [Fact]
    public void Dispatch_ByAnotherEnterprisesCommissioner_IsRefused()
    {
        var builder = Submitted();

        var refusal = Refusal(() => builder.Request.Dispatch(OtherCommissioner, LeadDepartment, Days, builder.Now.AddMinutes(1)));

        Assert.Equal("只有该企业的服务专员或营商环境督查可以派单", refusal.Message);
        Assert.Equal(RequestState.Submitted, builder.Request.State);
    }

    [Fact]
    public void Sign_ByAnotherDepartment_IsRefusedAndChangesNothing()
    {
        var builder = Submitted().Dispatched();
        var version = builder.Request.Version;

        var refusal = Refusal(() => builder.Request.Sign(OtherHandler, Days, builder.Now.AddMinutes(1)));

        Assert.Equal("只有牵头部门可以签收", refusal.Message);
        Assert.Equal(version, builder.Request.Version);
        Assert.Equal(RequestState.Dispatched, builder.Request.State);
    }

    [Fact]
    public void Sign_Twice_IsRefused()
    {
        var builder = Submitted().Dispatched().Signed();

        Assert.Equal("本部门已签收该诉求", Refusal(() => builder.Request.Sign(LeadHandler, Days, builder.Now.AddMinutes(1))).Message);
    }

    [Fact]
    public void Return_WithinOneWorkingDay_GoesBackToSubmittedForTheDispatcher()
    {
        var builder = Submitted().Dispatched().After(TimeSpan.FromHours(5));

        builder.Do((r, now) => r.ReturnToDispatcher(LeadHandler, ReturnReason.NotOurResponsibility, "属发改局职责", Days, now));

        Assert.Equal(RequestState.Submitted, builder.Request.State);
        Assert.Null(builder.Request.LeadDepartmentId);
        Assert.Equal(Commissioner.UserId, builder.Request.DispatchedByUserId);
        Assert.False(builder.Request.Timeline[^1].VisibleToEnterprise);
    }

    [Fact]
    public void Return_AfterTheOneWorkingDayWindow_IsRefused()
    {
        // Dispatched Monday 09:10; the window closes Tuesday 17:30.
        var builder = Submitted().Dispatched();

        var refusal = Refusal(() => builder.Request.ReturnToDispatcher(
            LeadHandler, ReturnReason.NotOurResponsibility, null, Days, new DateTimeOffset(2026, 3, 3, 17, 31, 0, TimeSpan.FromHours(8))));

        Assert.Equal("退单须在派单后1 个工作日内提出，退单时限已过", refusal.Message);
    }

    [Fact]
    public void Return_BySameDepartmentASecondTime_IsRefused()
    {
        var builder = Submitted().Dispatched()
            .Do((r, now) => r.ReturnToDispatcher(LeadHandler, ReturnReason.UnclearRequest, null, Days, now))
            .Dispatched();

        var refusal = Refusal(() => builder.Request.ReturnToDispatcher(LeadHandler, ReturnReason.UnclearRequest, null, Days, builder.Now.AddMinutes(1)));

        Assert.Equal("每个部门对同一诉求只能退单一次", refusal.Message);
    }

    [Fact]
    public void Resolve_WhileACoHandlerHasNotReplied_IsRefused_UntilASupervisorWaivesIt()
    {
        var builder = Submitted().Dispatched().WithCoHandler().Signed();

        var refusal = Refusal(() => builder.Request.Resolve(LeadHandler, "已办结", Days, builder.Now.AddMinutes(1)));
        builder.Do((r, now) => r.WaiveCoHandlerReply(Supervisor, CoHandlerDepartment, "协办单位无需意见", Days, now)).Resolved();

        Assert.Equal("协办单位尚未全部答复（或经督查免除），暂不能办结", refusal.Message);
        Assert.Equal(RequestState.Resolved, builder.Request.State);
    }

    [Fact]
    public void Evaluate_UnsatisfiedThreeTimes_ReopensTwiceThenGoesToReview()
    {
        var builder = InState(RequestState.Resolved);

        builder.Evaluated(false, Satisfaction.Unsatisfied);
        Assert.Equal((RequestState.InProgress, 1), (builder.Request.State, builder.Request.ReopenCount));
        builder.Resolved().Evaluated(true, Satisfaction.Unsatisfied);
        Assert.Equal((RequestState.InProgress, 2), (builder.Request.State, builder.Request.ReopenCount));
        builder.Resolved().Evaluated(false, Satisfaction.BasicallySatisfied);

        Assert.Equal(RequestState.UnderReview, builder.Request.State);
    }

    [Theory]
    [InlineData(true, Satisfaction.Satisfied)]
    [InlineData(true, Satisfaction.BasicallySatisfied)]
    public void Evaluate_SolvedAndSatisfied_ClosesAndCounts(bool solved, Satisfaction satisfaction)
    {
        var builder = InState(RequestState.Resolved).Evaluated(solved, satisfaction);

        Assert.Equal(RequestState.Closed, builder.Request.State);
        Assert.True(builder.Request.RatingCounts);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void ReviewDispute_ClosesAndCountsOnlyWhenUpheld(bool upheld)
    {
        var builder = InState(RequestState.UnderReview).Do((r, now) => r.ReviewDispute(Supervisor, upheld, "经核实", Days, now));

        Assert.Equal(RequestState.Closed, builder.Request.State);
        Assert.Equal(upheld, builder.Request.RatingCounts);
    }

    [Fact]
    public void RecordFollowUpEvaluation_ForAPortalRequest_IsRefused()
    {
        var builder = InState(RequestState.Resolved);

        var refusal = Refusal(() => builder.Request.RecordFollowUpEvaluation(Commissioner, true, Satisfaction.Satisfied, "回访", Days, builder.Now.AddMinutes(1)));

        Assert.Equal("网上提交的诉求由企业自行评价", refusal.Message);
    }

    [Fact]
    public void RecordFollowUpEvaluation_ForAPhoneRequest_ClosesIt()
    {
        var builder = Submitted(channel: RequestChannel.Phone).Dispatched().Signed().Resolved()
            .Do((r, now) => r.RecordFollowUpEvaluation(Commissioner, true, Satisfaction.Satisfied, "电话回访，企业表示满意", Days, now));

        Assert.Equal(RequestState.Closed, builder.Request.State);
    }

    [Fact]
    public void Urge_TwiceOnOneWorkingDay_IsRefused_ButAllowedTheNextWorkingDay()
    {
        var builder = Submitted().Do((r, now) => r.Urge(EnterpriseUser, null, Days, now));

        var refusal = Refusal(() => builder.Request.Urge(EnterpriseUser, null, Days, builder.Now.AddHours(3)));
        builder.After(TimeSpan.FromDays(1)).Do((r, now) => r.Urge(EnterpriseUser, "请尽快", Days, now));

        Assert.Equal("同一诉求每个工作日只能催办一次，请下一个工作日再催办", refusal.Message);
        Assert.Equal(2, builder.Request.Timeline.Count(e => e.Action == RequestAction.Urge));
    }

    [Fact]
    public void Urge_OnSaturdayAndAgainOnMonday_CountsAsTheSameWorkingDay()
    {
        var saturday = new DateTimeOffset(2026, 3, 7, 10, 0, 0, TimeSpan.FromHours(8));
        var builder = Submitted(saturday.AddDays(-1)).After(TimeSpan.FromDays(1)).Do((r, now) => r.Urge(EnterpriseUser, null, Days, now));

        var refusal = Record.Exception(() => builder.Request.Urge(EnterpriseUser, null, Days, new DateTimeOffset(2026, 3, 9, 10, 0, 0, TimeSpan.FromHours(8))));

        Assert.IsType<DomainException>(refusal);
    }

    [Fact]
    public void RequestExtension_WhileOneIsPending_IsRefused()
    {
        var builder = Submitted().Dispatched().Signed().Do((r, now) => r.RequestExtension(LeadHandler, 3, "需现场踏勘", Days, now));

        var refusal = Refusal(() => builder.Request.RequestExtension(LeadHandler, 2, "再申请", Days, builder.Now.AddMinutes(1)));

        Assert.Equal("已有一项延期申请待审批，请等待审批结果", refusal.Message);
    }

    [Fact]
    public void RequestExtension_AfterTwoApproved_IsRefused()
    {
        var builder = Submitted().Dispatched().Signed();
        for (var i = 0; i < 2; i++)
        {
            builder.Do((r, now) => r.RequestExtension(LeadHandler, 2, "需现场踏勘", Days, now))
                .Do((r, now) => r.ApproveExtension(Supervisor, 2, Days, now));
        }

        var refusal = Refusal(() => builder.Request.RequestExtension(LeadHandler, 2, "第三次", Days, builder.Now.AddMinutes(1)));

        Assert.Equal("每件诉求最多延期 2 次，已达上限", refusal.Message);
    }

    [Fact]
    public void RequestExtension_OnTheDeadlinesLastWorkingDay_IsRefused()
    {
        // Submitted Monday 2 March; resolve deadline Monday 16 March 17:30.
        var builder = Submitted().Dispatched().Signed();

        var refusal = Refusal(() => builder.Request.RequestExtension(
            LeadHandler, 3, "来不及", Days, new DateTimeOffset(2026, 3, 16, 9, 0, 0, TimeSpan.FromHours(8))));

        Assert.Equal("延期须在办结期限的最后一个工作日之前申请", refusal.Message);
    }

    [Fact]
    public void ApproveExtension_ForMoreDaysThanAskedFor_IsRefused()
    {
        var builder = Submitted().Dispatched().Signed().Do((r, now) => r.RequestExtension(LeadHandler, 3, "需现场踏勘", Days, now));

        Assert.Equal("批准的延期天数应为 1 至 3 个工作日",
            Refusal(() => builder.Request.ApproveExtension(Supervisor, 4, Days, builder.Now.AddMinutes(1))).Message);
    }

    [Fact]
    public void Supervise_ByACadreWhoDoesNotGuaranteeTheEnterprise_IsRefused()
    {
        var builder = Submitted();
        var strangerCadre = new Actor("another-cadre", Portal.Domain.Identity.Roles.Cadre);

        Assert.Equal("只有包保该企业的县级干部可以督办",
            Refusal(() => builder.Request.Supervise(strangerCadre, "请加快", Days, builder.Now.AddMinutes(1))).Message);
    }

    [Fact]
    public void Distribute_ByAHandlerWhoIsNotTheHead_IsRefused()
    {
        var builder = Submitted().Dispatched();

        Assert.Equal("只有部门负责人可以分办",
            Refusal(() => builder.Request.Distribute(LeadHandler, LeadHandler.UserId, Days, builder.Now.AddMinutes(1))).Message);
    }

    [Fact]
    public void Timeline_KeepsInternalNotesAndCoHandlingFromTheEnterprise()
    {
        var builder = InState(RequestState.InProgress)
            .Do((r, now) => r.InternalNote(LeadHandler, "内部：需协调自然资源局", Days, now))
            .Do((r, now) => r.PublicReply(LeadHandler, "正在办理，预计下周完成", Days, now));

        var visible = builder.Request.Timeline.Where(e => e.VisibleToEnterprise).Select(e => e.Action).ToList();

        Assert.Equal([RequestAction.Submit, RequestAction.Dispatch, RequestAction.Sign, RequestAction.PublicReply], visible);
        Assert.Equal(Enumerable.Range(1, builder.Request.Timeline.Count), builder.Request.Timeline.Select(e => e.Sequence));
    }

    [Fact]
    public void AnAction_DatedBeforeTheLastOne_IsRefused()
    {
        var builder = Submitted().Dispatched();

        Assert.Equal("操作时间早于上一项操作，请刷新后重试",
            Refusal(() => builder.Request.Sign(LeadHandler, Days, builder.Now.AddMinutes(-1))).Message);
    }
}
