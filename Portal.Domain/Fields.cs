namespace Portal.Domain;

/// <summary>The fields a refusal names when a text is missing or too long (<see cref="TextRefusals"/>).</summary>
public static class Fields
{
    public static readonly Term Applicant = new("Field.Applicant", "申请人");
    public static readonly Term EnterpriseName = new("Field.EnterpriseName", "企业名称");
    public static readonly Term RefusalReason = new("Field.RefusalReason", "不通过的理由");
    public static readonly Term Approver = new("Field.Approver", "审核人");
    public static readonly Term Commissioner = new("Field.Commissioner", "服务专员");
    public static readonly Term Cadre = new("Field.Cadre", "包保干部");
    public static readonly Term CategoryCode = new("Field.CategoryCode", "类别编码");
    public static readonly Term CategoryName = new("Field.CategoryName", "类别名称");
    public static readonly Term CategoryDescription = new("Field.CategoryDescription", "类别说明");
    public static readonly Term DepartmentCode = new("Field.DepartmentCode", "部门编码");
    public static readonly Term DepartmentName = new("Field.DepartmentName", "部门名称");
    public static readonly Term DepartmentHead = new("Field.DepartmentHead", "部门负责人");
    public static readonly Term IndustryName = new("Field.IndustryName", "产业名称");
    public static readonly Term IndustryCommissioner = new("Field.IndustryCommissioner", "产业默认服务专员");
    public static readonly Term ParkName = new("Field.ParkName", "园区名称");
    public static readonly Term ParkCommissioner = new("Field.ParkCommissioner", "园区默认服务专员");
    public static readonly Term Uploader = new("Field.Uploader", "上传人");
    public static readonly Term StorageName = new("Field.StorageName", "存储名称");
    public static readonly Term Handler = new("Field.Handler", "经办人");
    public static readonly Term Explanation = new("Field.Explanation", "说明");
    public static readonly Term RequestNumber = new("Field.RequestNumber", "诉求编号");
    public static readonly Term RequestTitle = new("Field.RequestTitle", "诉求标题");
    public static readonly Term RequestDescription = new("Field.RequestDescription", "诉求内容");
    public static readonly Term CoHandlerOpinion = new("Field.CoHandlerOpinion", "协办意见");
    public static readonly Term MaterialsNeeded = new("Field.MaterialsNeeded", "需要补充的材料");
    public static readonly Term Supplement = new("Field.Supplement", "补充说明");
    public static readonly Term Reply = new("Field.Reply", "答复内容");
    public static readonly Term Note = new("Field.Note", "备注内容");
    public static readonly Term ExtensionReason = new("Field.ExtensionReason", "延期理由");
    public static readonly Term DenialReason = new("Field.DenialReason", "驳回理由");
    public static readonly Term Outcome = new("Field.Outcome", "办理结果");
    public static readonly Term FollowUpNotes = new("Field.FollowUpNotes", "回访记录");
    public static readonly Term DisputeReasoning = new("Field.DisputeReasoning", "甄别意见");
    public static readonly Term Instruction = new("Field.Instruction", "督办意见");
    public static readonly Term CreditCode = new("Field.CreditCode", "统一社会信用代码");
    public static readonly Term Park = new("Field.Park", "园区");
    public static readonly Term Industry = new("Field.Industry", "产业");
    public static readonly Term ContactName = new("Field.ContactName", "联系人姓名");
    public static readonly Term ContactPosition = new("Field.ContactPosition", "联系人职务");
}
