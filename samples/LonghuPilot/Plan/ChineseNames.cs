namespace LonghuPilot.Plan;

/// <summary>Household members with Chinese names drawn from a seeded random source: the same seed, the same people.</summary>
public static class ChineseNames
{
    // Surnames common in Chaoshan, most frequent first so the draw leans on them.
    private static readonly string[] Surnames =
        ["陈", "林", "黄", "李", "蔡", "许", "郑", "吴", "王", "张", "杨", "刘", "谢", "佘", "翁", "姚", "洪", "马", "方", "庄", "詹", "苏", "郭", "纪", "柯"];

    private static readonly string[] Male = ["伟", "强", "建", "国", "明", "华", "志", "俊", "杰", "海", "文", "辉", "涛", "锐", "鹏", "浩", "宏", "泽", "楷", "龙", "嘉", "豪", "荣", "松"];
    private static readonly string[] Female = ["丽", "娟", "芳", "燕", "秀", "玲", "婷", "敏", "静", "洁", "慧", "雪", "琳", "佳", "欣", "萍", "娜", "红", "霞", "丹", "妍", "琪", "素", "銮"];

    /// <summary>
    /// A household: a head, often a spouse, sometimes children and an elder. Names are unique within the household,
    /// because a member is addressed by name.
    /// </summary>
    public static (string Head, IReadOnlyList<string> Others) Household(Random random)
    {
        var family = Pick(random, Surnames, skew: true);
        var names = new List<string>();
        var headIsMale = random.Next(10) < 7;
        Add(names, random, family, headIsMale);
        if (random.Next(10) < 8)
        {
            Add(names, random, Pick(random, Surnames, skew: true), !headIsMale);
        }

        for (var children = random.Next(3); children > 0; children--)
        {
            Add(names, random, family, random.Next(2) == 0);
        }

        if (random.Next(10) < 2)
        {
            Add(names, random, family, random.Next(2) == 0);
        }

        return (names[0], names[1..]);
    }

    private static void Add(List<string> names, Random random, string surname, bool male)
    {
        var chars = male ? Male : Female;
        for (var attempt = 0; ; attempt++)
        {
            var given = random.Next(3) == 0 ? Pick(random, chars) : Pick(random, chars) + Pick(random, chars);
            var name = surname + given;
            if (!names.Contains(name) || attempt > 20)
            {
                names.Add(names.Contains(name) ? name + names.Count : name);
                return;
            }
        }
    }

    private static string Pick(Random random, string[] from, bool skew = false) =>
        from[skew ? (int)(from.Length * Math.Pow(random.NextDouble(), 1.8)) : random.Next(from.Length)];
}
