using Portal.Domain;
using Portal.Domain.Requests;
using static Portal.Tests.Domain.Requests.RequestBuilder;

namespace Portal.Tests.Domain.Requests;

/// <summary>An evaluation answering unsolved or unsatisfied says what is still wrong, whoever records it.</summary>
public class EvaluationCommentTests
{
    [Theory]
    [InlineData(false, Satisfaction.Satisfied, null)]
    [InlineData(false, Satisfaction.BasicallySatisfied, "   ")]
    [InlineData(true, Satisfaction.Unsatisfied, "")]
    [InlineData(false, Satisfaction.Unsatisfied, null)]
    public void Evaluate_UnsolvedOrUnsatisfiedWithoutAComment_IsRefusedAndLeavesItResolved(bool solved, Satisfaction satisfaction, string? comment)
    {
        var builder = InState(RequestState.Resolved);
        var entries = builder.Request.Timeline.Count;

        var refusal = Assert.Throws<DomainException>(() =>
            builder.Request.Evaluate(EnterpriseUser, solved, satisfaction, comment, Days, builder.Now.AddMinutes(1)));

        Assert.Equal(RequestRefusals.EvaluationCommentRequired, refusal.Code);
        Assert.Equal((RequestState.Resolved, 0, entries), (builder.Request.State, builder.Request.ReopenCount, builder.Request.Timeline.Count));
    }

    [Fact]
    public void Evaluate_UnsatisfiedWithAComment_ReopensWithTheCommentOnTheTimeline()
    {
        var builder = InState(RequestState.Resolved)
            .Do((r, now) => r.Evaluate(EnterpriseUser, false, Satisfaction.Unsatisfied, "批复只写了原则，没有办理时间", Days, now));

        Assert.Equal(RequestState.InProgress, builder.Request.State);
        Assert.Equal("批复只写了原则，没有办理时间", builder.Request.Timeline[^1].Text);
    }

    [Fact]
    public void Evaluate_SolvedAndSatisfiedWithoutAComment_Closes()
    {
        var builder = InState(RequestState.Resolved).Do((r, now) => r.Evaluate(EnterpriseUser, true, Satisfaction.Satisfied, null, Days, now));

        Assert.Equal(RequestState.Closed, builder.Request.State);
    }

    [Fact]
    public void Evaluate_ThirdUnsatisfiedWithoutAComment_IsRefusedBeforeGoingToReview()
    {
        var builder = InState(RequestState.Resolved)
            .Evaluated(false, Satisfaction.Unsatisfied).Resolved()
            .Evaluated(false, Satisfaction.Unsatisfied).Resolved();

        var refusal = Assert.Throws<DomainException>(() =>
            builder.Request.Evaluate(EnterpriseUser, false, Satisfaction.Unsatisfied, null, Days, builder.Now.AddMinutes(1)));

        Assert.Equal(RequestRefusals.EvaluationCommentRequired, refusal.Code);
        Assert.Equal(RequestState.Resolved, builder.Request.State);
    }

    [Fact]
    public void RecordFollowUpEvaluation_UnsolvedWithoutNotes_IsRefused()
    {
        var builder = Submitted(channel: RequestChannel.Phone).Dispatched().Signed().Resolved();

        var refusal = Assert.Throws<DomainException>(() =>
            builder.Request.RecordFollowUpEvaluation(Commissioner, false, Satisfaction.Unsatisfied, " ", Days, builder.Now.AddMinutes(1)));

        Assert.Equal(TextRefusals.Required, refusal.Code);
        Assert.Equal(Fields.FollowUpNotes, Assert.Single(refusal.Arguments));
        Assert.Equal(RequestState.Resolved, builder.Request.State);
    }

    [Fact]
    public void RecordFollowUpEvaluation_UnsatisfiedWithNotes_Reopens()
    {
        var builder = Submitted(channel: RequestChannel.Phone).Dispatched().Signed().Resolved()
            .Do((r, now) => r.RecordFollowUpEvaluation(Commissioner, true, Satisfaction.Unsatisfied, "电话回访：企业认为答复过慢", Days, now));

        Assert.Equal((RequestState.InProgress, 1), (builder.Request.State, builder.Request.ReopenCount));
    }
}
