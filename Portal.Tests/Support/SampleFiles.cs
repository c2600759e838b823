using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace Portal.Tests.Support;

/// <summary>Small real files of each kind the portal accepts, and of kinds it must refuse, made byte by byte.</summary>
public static class SampleFiles
{
    /// <summary>A one-page PDF saying <paramref name="text"/> (ASCII), padded with a comment to at least <paramref name="size"/> bytes.</summary>
    public static byte[] Pdf(string text = "Hello", int size = 0)
    {
        var body = $"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n" +
            $"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 100]/Contents 4 0 R>>endobj\n" +
            $"4 0 obj<</Length {text.Length + 30}>>stream\nBT /F1 12 Tf 10 50 Td ({text}) Tj ET\nendstream endobj\ntrailer<</Root 1 0 R>>\n";
        var padding = Math.Max(0, size - body.Length - 7);
        return Encoding.ASCII.GetBytes(body + (padding > 0 ? "%" + new string('x', padding - 1) + "\n" : "") + "%%EOF\n");
    }

    public static byte[] Png() =>
    [
        0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52,
        0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1F, 0x15, 0xC4, 0x89,
    ];

    public static byte[] Jpeg() => [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, (byte)'J', (byte)'F', (byte)'I', (byte)'F', 0x00, 0x01, 0xFF, 0xD9];

    public static byte[] Gif() => Encoding.ASCII.GetBytes("GIF89a\x01\x00\x01\x00\x00\x00\x00;");

    /// <summary>An Office Open XML package declaring <paramref name="mainContentType"/> for its main part at <paramref name="mainPart"/>.</summary>
    public static byte[] OfficeOpenXml(string mainPart, string mainContentType)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            Write(zip, "[Content_Types].xml",
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">" +
                "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>" +
                $"<Override PartName=\"/{mainPart}\" ContentType=\"{mainContentType}\"/></Types>");
            Write(zip, "_rels/.rels", "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"/>");
            Write(zip, mainPart, "<?xml version=\"1.0\"?><root/>");
        }
        return buffer.ToArray();
    }

    public static byte[] Docx() => OfficeOpenXml("word/document.xml", "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml");

    public static byte[] Xlsx() => OfficeOpenXml("xl/workbook.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml");

    /// <summary>A macro-enabled Word document (.docm): a zip of Word parts, but not one the portal takes.</summary>
    public static byte[] Docm() => OfficeOpenXml("word/document.xml", "application/vnd.ms-word.document.macroEnabled.main+xml");

    /// <summary>A plain zip archive with a text file in it.</summary>
    public static byte[] Zip()
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            Write(zip, "readme.txt", "hello");
        }
        return buffer.ToArray();
    }

    /// <summary>An OLE2 compound file (MS-CFB, 512-byte sectors) whose one stream is called <paramref name="streamName"/>.</summary>
    public static byte[] CompoundFile(string streamName)
    {
        var file = new byte[512 * 3];
        var header = file.AsSpan(0, 512);
        byte[] signature = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
        signature.CopyTo(header);
        BinaryPrimitives.WriteUInt16LittleEndian(header[24..], 0x3E);
        BinaryPrimitives.WriteUInt16LittleEndian(header[26..], 3);
        BinaryPrimitives.WriteUInt16LittleEndian(header[28..], 0xFFFE);
        BinaryPrimitives.WriteUInt16LittleEndian(header[30..], 9);
        BinaryPrimitives.WriteUInt16LittleEndian(header[32..], 6);
        BinaryPrimitives.WriteInt32LittleEndian(header[44..], 1);
        BinaryPrimitives.WriteUInt32LittleEndian(header[48..], 1);
        BinaryPrimitives.WriteUInt32LittleEndian(header[56..], 4096);
        BinaryPrimitives.WriteUInt32LittleEndian(header[60..], 0xFFFFFFFE);
        BinaryPrimitives.WriteUInt32LittleEndian(header[68..], 0xFFFFFFFE);
        BinaryPrimitives.WriteUInt32LittleEndian(header[76..], 0);
        for (var i = 1; i < 109; i++)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(header[(76 + 4 * i)..], 0xFFFFFFFF);
        }
        var fat = file.AsSpan(512, 512);
        fat.Fill(0xFF);
        BinaryPrimitives.WriteUInt32LittleEndian(fat, 0xFFFFFFFD);
        BinaryPrimitives.WriteUInt32LittleEndian(fat[4..], 0xFFFFFFFE);
        var directory = file.AsSpan(1024, 512);
        DirectoryEntry(directory[..128], "Root Entry", 5);
        DirectoryEntry(directory[128..256], streamName, 2);
        return file;
    }

    public static byte[] Doc() => CompoundFile("WordDocument");

    public static byte[] Xls() => CompoundFile("Workbook");

    /// <summary>A Windows executable's start: what an ".exe renamed .pdf" holds.</summary>
    public static byte[] Exe()
    {
        var exe = new byte[1024];
        exe[0] = (byte)'M';
        exe[1] = (byte)'Z';
        Encoding.ASCII.GetBytes("This program cannot be run in DOS mode.").CopyTo(exe, 78);
        return exe;
    }

    private static void DirectoryEntry(Span<byte> entry, string name, byte type)
    {
        var bytes = Encoding.Unicode.GetBytes(name + "\0");
        bytes.CopyTo(entry);
        BinaryPrimitives.WriteUInt16LittleEndian(entry[64..], (ushort)bytes.Length);
        entry[66] = type;
        BinaryPrimitives.WriteUInt32LittleEndian(entry[68..], 0xFFFFFFFF);
        BinaryPrimitives.WriteUInt32LittleEndian(entry[72..], 0xFFFFFFFF);
        BinaryPrimitives.WriteUInt32LittleEndian(entry[76..], 0xFFFFFFFF);
        BinaryPrimitives.WriteUInt32LittleEndian(entry[116..], 0xFFFFFFFE);
    }

    private static void Write(ZipArchive zip, string name, string content)
    {
        using var writer = new StreamWriter(zip.CreateEntry(name).Open(), new UTF8Encoding(false));
        writer.Write(content);
    }
}
