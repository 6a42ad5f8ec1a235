"""HTML pages as Chinese government sites publish them: main content only, the title first."""

from __future__ import annotations

from pathlib import Path

import pytest

from hwgraph.reading import html_main_text, read_source

# a modern page: nav bar, breadcrumbs, 来源/发布时间 line, share bar, related links, ICP footer
MODERN = """<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>关于印发某市2024年卫生健康工作要点的通知_某市卫生健康委员会</title>
<meta name="ArticleTitle" content="关于印发某市2024年卫生健康工作要点的通知"><script>var _hmt=[];</script><style>.nav{color:red}</style></head>
<body>
<div class="header"><div class="logo">某市卫生健康委员会</div><div class="search"><input type="text" placeholder="请输入关键词"><button>搜索</button></div></div>
<div class="nav"><ul><li><a href="/">首页</a></li><li><a href="/jgzn/">机构职能</a></li><li><a href="/zwgk/">政务公开</a></li><li><a href="/bsfw/">办事服务</a></li><li><a href="/hdjl/">互动交流</a></li></ul></div>
<div class="crumb">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; <a href="/zwgk/tzgg/">通知公告</a></div>
<div class="main">
<div class="article">
<h1>关于印发某市2024年卫生健康工作要点的通知</h1>
<div class="info"><span>来源：某市卫生健康委员会</span> <span>发布时间：2024-02-20 09:30</span> <span>浏览次数：1856</span> <span>字号：<a>大</a> <a>中</a> <a>小</a></span></div>
<div class="content" id="zoom">
<p>各区县卫生健康局，委机关各处室、直属各单位：</p>
<p>现将《某市2024年卫生健康工作要点》印发给你们，请结合实际认真贯彻落实。</p>
<p style="text-align:center"><strong>某市2024年卫生健康工作要点</strong></p>
<p>2024年全市卫生健康工作的总体要求是：坚持以人民健康为中心，深化医药卫生体制改革，推动卫生健康事业高质量发展。</p>
<p><strong>一、深化医药卫生体制改革</strong></p>
<p>（一）推进紧密型城市医疗集团建设。以三级医院为牵头单位，组建城市医疗集团4个，实现网格化布局全覆盖。</p>
<p>（二）完善分级诊疗制度。1.扩大家庭医生签约服务覆盖面，重点人群签约率达到75%以上。2.推动优质医疗资源下沉，三级医院派驻基层医师不少于200人。</p>
<p><strong>二、提升公共卫生服务能力</strong></p>
<p>（一）加强疾病预防控制体系建设。落实传染病“四早”要求，法定传染病报告及时率达到100%。</p>
<table border="1"><tr><td>指标</td><td>目标值</td></tr><tr><td>孕产妇死亡率</td><td>≤10/10万</td></tr><tr><td>婴儿死亡率</td><td>≤4‰</td></tr></table>
<p>（二）加强妇幼健康服务。实施母婴安全行动提升计划，孕产妇系统管理率达到92%。</p>
<p><strong>三、加强党的建设</strong></p>
<p>严格落实全面从严治党主体责任，深入开展党纪学习教育。</p>
<p style="text-align:right">某市卫生健康委员会</p>
<p style="text-align:right">2024年2月18日</p>
</div>
<div class="attach">附件：<a href="/a.pdf">某市2024年卫生健康工作要点.pdf</a></div>
<div class="share">分享到：<a>微信</a> <a>微博</a> <a>QQ空间</a> <a href="javascript:window.print()">【打印本页】</a> <a href="javascript:window.close()">【关闭窗口】</a></div>
<div class="related"><h3>相关文章</h3><ul><li><a href="/1.html">某市召开2024年全市卫生健康工作会议</a></li><li><a href="/2.html">关于做好2024年春节期间医疗服务保障工作的通知</a></li><li><a href="/3.html">某市2023年卫生健康工作总结</a></li></ul></div>
</div></div>
<div class="footer"><p>主办单位：某市卫生健康委员会　地址：某市人民路1号　邮编：100000</p><p>版权所有：某市卫生健康委员会　<a href="https://beian.miit.gov.cn">京ICP备12345678号-1</a>　京公网安备11010102000001号　网站标识码：1100000001</p></div>
</body></html>
"""

# an older page laid out in nested tables, served as GB2312, its title in an h2
TABLES = """<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312"><title>某县2023年卫生健康工作总结</title></head>
<body><table width="100%"><tr><td class="top"><a href="/">网站首页</a> | <a href="/xxgk/">信息公开</a> | <a href="/zmhd/">政民互动</a></td></tr>
<tr><td>您现在的位置：<a href="/">首页</a> &gt;&gt; <a href="/xxgk/">信息公开</a> &gt;&gt; 工作总结</td></tr>
<tr><td><table><tr><td class="title"><h2>某县2023年卫生健康工作总结</h2></td></tr>
<tr><td>信息来源：县卫健局　发布日期：2024-01-08　【<a>打印</a>】【<a>关闭</a>】</td></tr>
<tr><td class="text">
<div>2023年，在县委、县政府的坚强领导下，县卫生健康局坚持以人民健康为中心，各项工作取得明显成效。现将有关情况总结如下：</div>
<div>一、主要工作成效</div>
<div>（一）医疗服务能力持续提升。县人民医院新院区建成投用，新增床位300张，开展新技术新项目26项。</div>
<div>（二）公共卫生服务扎实推进。<br>1.基本公共卫生服务项目绩效评价位列全市第一。<br>2.完成适龄儿童免疫规划疫苗接种4.2万剂次。</div>
<div>二、存在的问题</div>
<div>基层医疗卫生人才短缺，乡村医生老龄化问题突出。</div>
<div>三、2024年工作打算</div>
<div>（一）深化县域医共体建设。（二）加强人才队伍建设。</div>
</td></tr></table></td></tr>
<tr><td class="foot">Copyright © 2024 某县人民政府 版权所有 ICP备案号：豫ICP备00000000号 技术支持：某某网络科技有限公司</td></tr></table></body></html>
"""

CHROME = ("首页", "当前位置", "您现在的位置", "来源", "发布", "浏览次数", "分享到", "打印", "版权所有", "ICP", "相关文章", "技术支持")


@pytest.mark.parametrize(
    "page,lines",
    [
        (
            MODERN,
            [
                "关于印发某市2024年卫生健康工作要点的通知",
                "各区县卫生健康局，委机关各处室、直属各单位：",
                "现将《某市2024年卫生健康工作要点》印发给你们，请结合实际认真贯彻落实。",
                "某市2024年卫生健康工作要点",
                "2024年全市卫生健康工作的总体要求是：坚持以人民健康为中心，深化医药卫生体制改革，推动卫生健康事业高质量发展。",
                "一、深化医药卫生体制改革",
                "（一）推进紧密型城市医疗集团建设。以三级医院为牵头单位，组建城市医疗集团4个，实现网格化布局全覆盖。",
                "（二）完善分级诊疗制度。1.扩大家庭医生签约服务覆盖面，重点人群签约率达到75%以上。2.推动优质医疗资源下沉，三级医院派驻基层医师不少于200人。",
                "二、提升公共卫生服务能力",
                "（一）加强疾病预防控制体系建设。落实传染病“四早”要求，法定传染病报告及时率达到100%。",
                "指标\t目标值",
                "孕产妇死亡率\t≤10/10万",
                "婴儿死亡率\t≤4‰",
                "（二）加强妇幼健康服务。实施母婴安全行动提升计划，孕产妇系统管理率达到92%。",
                "三、加强党的建设",
                "严格落实全面从严治党主体责任，深入开展党纪学习教育。",
                "某市卫生健康委员会",
                "2024年2月18日",
            ],
        ),
        (
            TABLES,
            [
                "某县2023年卫生健康工作总结",
                "2023年，在县委、县政府的坚强领导下，县卫生健康局坚持以人民健康为中心，各项工作取得明显成效。现将有关情况总结如下：",
                "一、主要工作成效",
                "（一）医疗服务能力持续提升。县人民医院新院区建成投用，新增床位300张，开展新技术新项目26项。",
                "（二）公共卫生服务扎实推进。",
                "1.基本公共卫生服务项目绩效评价位列全市第一。",
                "2.完成适龄儿童免疫规划疫苗接种4.2万剂次。",
                "二、存在的问题",
                "基层医疗卫生人才短缺，乡村医生老龄化问题突出。",
                "三、2024年工作打算",
                "（一）深化县域医共体建设。（二）加强人才队伍建设。",
            ],
        ),
    ],
)
def test_reading_html_main_content_title_first(page: str, lines: list[str]) -> None:
    text = html_main_text(page)
    assert text.splitlines() == lines
    assert not [line for line in text.splitlines() if any(word in line for word in CHROME)]


def test_reading_html_gb2312_page_from_file(tmp_path: Path) -> None:
    p = tmp_path / "summary.shtml"
    p.write_bytes(TABLES.encode("gb18030"))
    src = read_source(p)
    assert src.encoding == "gb18030" and src.text.splitlines()[0] == "某县2023年卫生健康工作总结"


@pytest.mark.parametrize(
    "page,first",
    [
        # the article's own container may carry a chrome-like class: it is never dropped
        ("<div class='main-top'><h1>2024年工作要点</h1><p>一、加强党的建设。落实全面从严治党主体责任。</p></div>", "2024年工作要点"),
        # no h1: the ArticleTitle meta tag government sites carry
        ("<head><meta name='ArticleTitle' content='2024年工作要点'></head><div><p>一、加强党的建设。</p></div>", "2024年工作要点"),
        # an h2 the browser title does not repeat is no page title
        ("<head><title>某市卫生健康委员会</title></head><div><p>一、加强党的建设。</p><h2>最新动态</h2></div>", "一、加强党的建设。"),
    ],
)
def test_reading_html_title(page: str, first: str) -> None:
    assert html_main_text(f"<html>{page}</html>").splitlines()[0] == first
