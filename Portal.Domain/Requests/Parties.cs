namespace Portal.Domain.Requests;

/// <summary>Who may take an action, as a refusal names them (<see cref="RequestRefusals.NotYours"/>).</summary>
public static class Parties
{
    public static readonly Term DispatcherOrLeadDepartment = new("Party.DispatcherOrLeadDepartment", "该企业的服务专员、营商环境督查或牵头部门");
    public static readonly Term Dispatcher = new("Party.Dispatcher", "该企业的服务专员或营商环境督查");
    public static readonly Term OwnCommissioner = new("Party.OwnCommissioner", "该企业的服务专员");
    public static readonly Term LeadDepartment = new("Party.LeadDepartment", "牵头部门");
    public static readonly Term CommissionerHandlingDirectly = new("Party.CommissionerHandlingDirectly", "直接办理此诉求的服务专员");
    public static readonly Term Involved = new("Party.Involved", "参与办理此诉求的人员");
    public static readonly Term GuaranteeingCadre = new("Party.GuaranteeingCadre", "包保该企业的县级干部");
}
