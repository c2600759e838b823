using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using Portal.Domain.Attachments;

namespace Portal.Infrastructure.Attachments;

/// <summary>
/// What a file is, read from its content: the signature at its start, and for the two container
/// formats what they contain — an Office Open XML zip must declare a Word or Excel main part in
/// <c>[Content_Types].xml</c> (macro-enabled ones declare another and are refused), and an OLE2
/// compound file must hold a <c>WordDocument</c> or <c>Workbook</c> stream (an .msi or a .ppt holds
/// neither). Anything else, whatever its name, is not accepted.
/// </summary>
public static class FileTypeSniffer
{
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
    private static readonly byte[] Ole2 = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

    private const string WordMain = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml";
    private const string ExcelMain = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml";

    /// <summary>The kind of the file in <paramref name="content"/> (seekable; read from its start), or null when it is none the portal accepts.</summary>
    public static AttachmentKind? Detect(Stream content)
    {
        Span<byte> head = stackalloc byte[8];
        content.Position = 0;
        var read = content.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        head = head[..read];
        AttachmentKind? kind = head switch
        {
            [(byte)'%', (byte)'P', (byte)'D', (byte)'F', (byte)'-', ..] => AttachmentKind.Pdf,
            [0xFF, 0xD8, 0xFF, ..] => AttachmentKind.Jpeg,
            [(byte)'G', (byte)'I', (byte)'F', (byte)'8', (byte)'7' or (byte)'9', (byte)'a', ..] => AttachmentKind.Gif,
            [(byte)'P', (byte)'K', 3, 4, ..] => OfficeOpenXml(content),
            _ when head.SequenceEqual(Png) => AttachmentKind.Png,
            _ when head.SequenceEqual(Ole2) => CompoundFile(content),
            _ => null,
        };
        content.Position = 0;
        return kind;
    }

    private static AttachmentKind? OfficeOpenXml(Stream content)
    {
        try
        {
            content.Position = 0;
            using var zip = new ZipArchive(content, ZipArchiveMode.Read, leaveOpen: true);
            var types = zip.GetEntry("[Content_Types].xml");
            if (types is null || types.Length > 1024 * 1024)
            {
                return null;
            }
            using var reader = new StreamReader(types.Open(), Encoding.UTF8);
            var xml = reader.ReadToEnd();
            if (xml.Contains(WordMain, StringComparison.OrdinalIgnoreCase) && zip.Entries.Any(e => e.FullName.StartsWith("word/", StringComparison.Ordinal)))
            {
                return AttachmentKind.Docx;
            }
            if (xml.Contains(ExcelMain, StringComparison.OrdinalIgnoreCase) && zip.Entries.Any(e => e.FullName.StartsWith("xl/", StringComparison.Ordinal)))
            {
                return AttachmentKind.Xlsx;
            }
            return null;
        }
        catch (InvalidDataException)
        {
            return null;
        }
    }

    /// <summary>
    /// Reads the directory of an OLE2 compound file (MS-CFB): the header gives the sector size, the
    /// first FAT sectors and the first directory sector; the directory's chain is followed through the
    /// FAT and each 128-byte entry's name compared.
    /// </summary>
    private static AttachmentKind? CompoundFile(Stream content)
    {
        try
        {
            var header = new byte[512];
            content.Position = 0;
            if (content.ReadAtLeast(header, header.Length, throwOnEndOfStream: false) < header.Length)
            {
                return null;
            }
            var shift = BinaryPrimitives.ReadUInt16LittleEndian(header.AsSpan(30));
            if (shift is not (9 or 12))
            {
                return null;
            }
            var sectorSize = 1 << shift;
            var fatSectorCount = BinaryPrimitives.ReadInt32LittleEndian(header.AsSpan(44));
            var directorySector = BinaryPrimitives.ReadUInt32LittleEndian(header.AsSpan(48));
            var fat = new List<uint>();
            for (var i = 0; i < Math.Min(fatSectorCount, 109); i++)
            {
                var fatSector = BinaryPrimitives.ReadUInt32LittleEndian(header.AsSpan(76 + 4 * i));
                var sector = ReadSector(content, fatSector, sectorSize);
                if (sector is null)
                {
                    return null;
                }
                for (var j = 0; j < sectorSize; j += 4)
                {
                    fat.Add(BinaryPrimitives.ReadUInt32LittleEndian(sector.AsSpan(j)));
                }
            }
            var next = directorySector;
            // A directory longer than this is not an Office document; a loop in the chain ends here too.
            for (var hops = 0; next < 0xFFFFFFFA && hops < 256; hops++)
            {
                var sector = ReadSector(content, next, sectorSize);
                if (sector is null)
                {
                    return null;
                }
                for (var entry = 0; entry < sectorSize; entry += 128)
                {
                    var nameLength = BinaryPrimitives.ReadUInt16LittleEndian(sector.AsSpan(entry + 64));
                    if (nameLength is < 2 or > 64)
                    {
                        continue;
                    }
                    var name = Encoding.Unicode.GetString(sector, entry, nameLength - 2);
                    if (name == "WordDocument")
                    {
                        return AttachmentKind.Doc;
                    }
                    if (name is "Workbook" or "Book")
                    {
                        return AttachmentKind.Xls;
                    }
                }
                next = next < fat.Count ? fat[(int)next] : 0xFFFFFFFE;
            }
            return null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static byte[]? ReadSector(Stream content, uint sector, int sectorSize)
    {
        var offset = (long)(sector + 1) * sectorSize;
        if (sector >= 0xFFFFFFFA || offset + sectorSize > content.Length)
        {
            return null;
        }
        var buffer = new byte[sectorSize];
        content.Position = offset;
        return content.ReadAtLeast(buffer, sectorSize, throwOnEndOfStream: false) == sectorSize ? buffer : null;
    }
}
