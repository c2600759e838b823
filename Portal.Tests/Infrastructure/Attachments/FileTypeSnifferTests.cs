using Portal.Domain.Attachments;
using Portal.Infrastructure.Attachments;
using Portal.Tests.Support;

namespace Portal.Tests.Infrastructure.Attachments;

/// <summary>A file is what its content says, whatever its name.</summary>
public class FileTypeSnifferTests
{
    public static TheoryData<string, byte[], AttachmentKind?> Files() => new()
    {
        { "pdf", SampleFiles.Pdf(), AttachmentKind.Pdf },
        { "png", SampleFiles.Png(), AttachmentKind.Png },
        { "jpeg", SampleFiles.Jpeg(), AttachmentKind.Jpeg },
        { "gif", SampleFiles.Gif(), AttachmentKind.Gif },
        { "docx", SampleFiles.Docx(), AttachmentKind.Docx },
        { "xlsx", SampleFiles.Xlsx(), AttachmentKind.Xlsx },
        { "doc", SampleFiles.Doc(), AttachmentKind.Doc },
        { "xls", SampleFiles.Xls(), AttachmentKind.Xls },
        { "old Excel 5 workbook", SampleFiles.CompoundFile("Book"), AttachmentKind.Xls },
        { "exe", SampleFiles.Exe(), null },
        { "macro-enabled docm", SampleFiles.Docm(), null },
        { "plain zip", SampleFiles.Zip(), null },
        { "msi-like compound file", SampleFiles.CompoundFile("SummaryInformation"), null },
        { "svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>"u8.ToArray(), null },
        { "html", "<!DOCTYPE html><html><body>%PDF-</body></html>"u8.ToArray(), null },
        { "text", "%PD"u8.ToArray(), null },
        { "empty", [], null },
        { "truncated compound file", SampleFiles.Doc()[..520], null },
    };

    [Theory]
    [MemberData(nameof(Files))]
    public void Detect_ReadsTheKindFromTheContent(string what, byte[] content, AttachmentKind? expected)
    {
        using var stream = new MemoryStream(content);

        Assert.True(expected == FileTypeSniffer.Detect(stream), what);
        Assert.Equal(0, stream.Position);
    }

    [Theory]
    [InlineData("合同.pdf", AttachmentKind.Pdf, "合同.pdf")]
    [InlineData("SCAN.PDF", AttachmentKind.Pdf, "SCAN.pdf")]
    [InlineData("setup.exe", AttachmentKind.Pdf, "setup.pdf")]
    [InlineData(@"C:\Users\张三\Desktop\现场照片.jpeg", AttachmentKind.Jpeg, "现场照片.jpeg")]
    [InlineData("../../etc/passwd", AttachmentKind.Png, "passwd.png")]
    [InlineData("报告 2026.03.02版", AttachmentKind.Docx, "报告 2026.03.02版.docx")]
    [InlineData("   ", AttachmentKind.Xls, "附件.xls")]
    [InlineData("a\"b<c>|d\u0007.gif", AttachmentKind.Gif, "abcd.gif")]
    public void CleanFileName_KeepsAPlainNameWithTheExtensionOfTheContent(string name, AttachmentKind kind, string expected) =>
        Assert.Equal(expected, Attachment.CleanFileName(name, kind));
}
