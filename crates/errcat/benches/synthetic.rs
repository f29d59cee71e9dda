//! The synthetic benchmark page, shared by the stage benchmarks and
//! `cargo xtask bench` (which includes this file): a realistic error-code
//! page of N rows, deterministic. Chinese text, `<br />`-separated labelled
//! parts (`描述：`/`可能原因：`/`处理建议：`), a link in every row, a `<Note>`
//! with a list in a cell every 97 rows, a two-code row every 50 rows, a
//! section of three columns every 100 rows.

/// A small deterministic generator (SplitMix64), so pages are the same on
/// every machine.
struct Random(u64);

impl Random {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn below(&mut self, bound: u64) -> u64 {
        self.next() % bound
    }
}

const WORDS: &[&str] = &[
    "登录",
    "房间",
    "推流",
    "拉流",
    "混流",
    "鉴权",
    "失败",
    "参数",
    "错误",
    "网络",
    "超时",
    "服务器",
    "请求",
    "用户",
    "设备",
    "权限",
    "配置",
    "频率",
    "过高",
    "不存在",
    "请检查",
    "是否",
    "正确",
    "重试",
    "联系",
    "技术支持",
    "处理",
];

fn sentence(random: &mut Random, words: usize) -> String {
    let mut out: String = (0..words).map(|_| WORDS[random.below(WORDS.len() as u64) as usize]).collect();
    out.push('。');
    out
}

/// A page of `rows` table rows.
pub fn page(rows: usize) -> String {
    let mut random = Random(42);
    let mut out = String::from("# 常见错误码\n\n<Note title=\"说明\">\n\n本文档列出所有错误码。\n\n</Note>\n");
    let mut code: u64 = 1_000_000;
    for row in 0..rows {
        if row % 100 == 0 {
            out.push_str(&format!(
                "\n## {}xxx 第 {} 组错误码\n\n| 错误码 | 描述 | 处理建议 |\n|-|-|-|\n",
                1000 + row / 100,
                row / 100
            ));
        }
        code += 1 + random.below(3);
        let cell = format!(
            "描述：{}<br />可能原因：{}<br />处理建议：请参考 [loginRoom](https://doc.example.com/api#login-room) 并{}",
            sentence(&mut random, 6),
            sentence(&mut random, 8),
            sentence(&mut random, 5)
        );
        if row % 50 == 7 {
            code += 1;
            out.push_str(&format!("| {}、{} | {cell} | {} |\n", code - 1, code, sentence(&mut random, 4)));
        } else if row % 97 == 3 {
            out.push_str(&format!(
                "| {code} | {}<Note title=\"说明\"><ul><li>{}</li><li>{}</li></ul></Note> | - |\n",
                sentence(&mut random, 5),
                sentence(&mut random, 4),
                sentence(&mut random, 4)
            ));
        } else {
            out.push_str(&format!("| {code} | {cell} | {} |\n", sentence(&mut random, 4)));
        }
    }
    out
}
