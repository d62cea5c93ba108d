/** The `--help` text of the `placecast` command line, in English. */
export const HELP = `placecast — school place-supply forecasting

Usage:
  placecast forecast --data <dir|file.xlsx> --out <dir> [options]
  placecast report   --data <dir|file.xlsx> --out <dir> [options]
  placecast backtest --data <dir|file.xlsx> [--origins <years>] [--horizon 5] [options]
  placecast templates --out <dir> [--lang en|zh-CN|both]
  placecast demo [--out <dir>] [options]
  placecast advise (--data <dir|file.xlsx> | --demo) [--risk 0.1] [--draws 1000] [--moves] [--out <dir>]
  placecast --help [--lang zh-CN] | --version

Commands:
  forecast   Read a dataset, forecast pupils per area, stage and grade, and write the results.
             With capacity records: places against pupils (shortfall, surplus, class sizes).
             With housing records: pupils from new dwellings added (shown apart in housing.csv).
             With --draws: seeded simulation intervals and the probability of a shortfall.
  report     The same forecast, written as a report a planner reads: report.html (charts
             inlined), report.md, every chart as charts/<id>.svg and charts/<id>.png, and
             parameters.csv (the method, yields, thresholds, seed and version used).
  backtest   Rolling-origin backtest of the cohort model: forecast from past years and compare
             with what happened (MAPE, bias, WAPE per horizon, stage and area).
  templates  Write blank input templates (CSV files and an .xlsx workbook whose guide sheet lists
             every column, an example row and the labels each column accepts).
  demo       Forecast and assess the Yangjiang seed (estimated per-county figures, with its
             estimated capacity, planned places and housing) and write the results.
  advise     Simulate the paths (default 1000 draws, seed 1) and advise, per area, stage and
             year, which planned projects to keep, defer or cancel and which new, temporary or
             closed places to add at P(shortfall) <= --risk (default 0.1), beside the plan;
             levers: estimatedLevers (estimates, docs/advise.md). --demo: the Yangjiang seed.
             --period <from-to>: the years whose new places are compared (default: the first
             five simulated years). Prints the comparison; with --out writes advice.csv,
             projects.csv, adviceNotes.csv.
             --moves: areas of the same parent may lend each other spare places (pupils of one
             county use places of a neighbour), written to moves.csv (lender, borrower, stage,
             year, places) and in the reasons; --move-cost <n>: cost per place moved per school
             year, in empty place-years (default 1, an estimate); --move-cap <share>: the most
             places an area lends a year, as a share of its places (default 0.05, an estimate).

Options:
  --data <path>      Folder of CSV files (areas.csv, enrolment.csv, births.csv, capacity.csv,
                     plannedPlaces.csv, housing.csv, or 地区.csv, 在校生.csv, 出生人口.csv, 学位.csv,
                     规划学位.csv, 住房.csv) or an .xlsx workbook with one sheet per record type.
                     Headers in English or Chinese (see the templates). Required by forecast,
                     report and backtest.
  --out <dir>        Output folder (created). Required by forecast, report and templates; optional
                     for backtest (without it the summary is printed); demo default: placecast-demo.
  --config <file>    Settings file (JSON; see docs/cli.md): any option below by name, e.g.
                     {"method": "mean", "ratioYears": 3, "headroom": 5, "classSize": {"primary": 45}}.
                     Default: placecast.json in the current folder, when there is one. Options on
                     the command line win over the file. Unknown or invalid settings are errors.
  --to <year>        Last school year to forecast (2035 = 2035/36), at most 100 years after the
                     base year. Default: base year + 15.
  --method <m>       Progression and entry ratios: ses (simple exponential smoothing, default),
                     mean, weighted (recency-weighted mean), median, trend, damped.
  --ratio-years <n>  Window of mean, weighted, median, trend and damped: the last n ratios. Default: 3.
  --alpha <a>        Smoothing weight of ses, in (0, 1]. Default: 0.5.
  --births <m>       Births after the last known year: last (carried forward, default), mean or
                     trend of the last --births-years (default 3) known years.
  --births-scenario <file>
                     A births scenario: a CSV with columns area,year,births (or 县区代码,年份,出生人口),
                     used for the years it covers instead of --births.
  --yields <file>    Pupil yield table for the housing records (forecast, report, demo): a JSON file
                     {"id", "source", "perDwelling": {<stage>: pupils per dwelling},
                     "phasing": {"weights": [...], "source"}} (optional "byType", "gradeShares"),
                     or a CSV with columns kind,key,dwellingType,value,source: rows
                     "yield,<stage>,[<type>],<pupils per dwelling>,<source>" and
                     "phasing,<years after occupation 0,1,…>,,<weight>,<source>".
                     Default: the system's own (china: a planning assumption from Yangjiang 2020);
                     england and us-k12 have none, so housing records need --yields.
  --no-housing       Ignore housing records (forecast, report, demo).
  --headroom <pct>   Places with less spare room than this percent are flagged "low headroom".
                     Default: 5 (a planning convention, not a regulation).
  --surplus-risk <pct>
                     Places used below this percent are flagged "may stand empty". Default: 80.
  --class-size <n|stage=n,…>
                     Standard class size of every stage (45), or per stage
                     (primary=45,junior=50). Default: the system's (china: GB 50099-2011).
  --source <text>    Where --headroom, --surplus-risk and --class-size come from (recorded in the
                     outputs). Default: "command line".
  --draws <n>        Simulate n paths (forecast, report, demo: intervals and P(shortfall);
                     backtest: interval coverage), at most 100000. Default: no simulation.
  --seed <n>         Seed of the simulation (same seed, same numbers). Default: 1. Needs --draws.
  --origins <years>  Backtest origins: a list "2015,2016" or a range "2012-2018".
                     Default: every year from the third year of history to the year before the base year.
  --horizon <n>      Backtest years ahead, at most 100. Default: 5.
  --level <l>        Backtest cells: "stage" totals (default) or single "grade"s.
  --lang <lang>      Language of everything written and printed: "en" (default) or "zh-CN"
                     ("zh" is taken as zh-CN); templates also take "both" (default there).
  --system <id>      School system of the grades: china (default), england, us-k12.
  --format <list>    Tables written, comma-separated: csv,xlsx,json (default: all three).
  --no-png           report: charts as SVG only (no PNG; the Markdown links the SVGs).
  --quiet            No progress bar. (The bar is drawn on stderr only when it is a terminal.)
  -h, --help         This help (in Chinese with --lang zh-CN).
  --version          The version.

Outputs (forecast, report, demo): <out>/stages_by_year.csv (pupils per area and stage, years
across), pupils.csv (per grade), stages.csv (per stage, with totals of containing areas),
assessment.csv (with capacity), housing.csv (with housing), simulation.csv (with --draws),
notes.csv, parameters.csv (the method, yields, thresholds, class sizes, seed and version used);
the same tables as sheets of <out>/placecast.xlsx and as <out>/placecast.json. Area names stand
beside area ids. CSV files show whole pupils and percentages (units in the headers: _pct is
percent); the workbook shows the same through number formats and keeps the exact values in its
cells, with an autofilter and a frozen header on every sheet; placecast.json holds the exact
values. With --lang zh-CN the files, sheets, headers and values are in Chinese.

Limits (a run beyond them stops before it starts, exit 2):
  --draws at most 100000; --to at most 100 years after the base year; --horizon at most 100;
  input (the CSV files together, or the workbook unpacked) at most 128 MiB and at most 1048576
  rows per sheet or file; a memory budget of 2 GiB per run, estimated (from measured runs) as
  12 KiB per output row (areas × grades × years) plus 24 bytes × stages × years × draws.

Messages a script can rely on:
  stdout  one line per file written, its path (backtest without --out: the summary table)
  stderr  "placecast: error: …" (usage, files), "placecast: N problems in the data:" followed by
          one line per problem, "✗ <file>, sheet <s>, row <r>, column <c> (<header>): <message>"
          (warnings start with "!"), a warning when Chinese chart text would render as boxes
          (no CJK font), the summary line, and the progress bar on a terminal.

Exit codes:
  0  success
  1  the input data has errors (each is printed with its file, sheet, row and column)
  2  wrong command line (unknown command or option, missing or invalid value, invalid settings
     file), or a run beyond the limits above
  3  a file or folder could not be read or written
  4  unexpected failure (a bug)
`;

/** The `--help` text of the `placecast` command line, in Chinese (`--help --lang zh-CN`). */
export const HELP_ZH = `placecast —— 学位供需预测

用法：
  placecast forecast --data <文件夹|文件.xlsx> --out <文件夹> [选项]
  placecast report   --data <文件夹|文件.xlsx> --out <文件夹> [选项]
  placecast backtest --data <文件夹|文件.xlsx> [--origins <年份>] [--horizon 5] [选项]
  placecast templates --out <文件夹> [--lang en|zh-CN|both]
  placecast demo [--out <文件夹>] [选项]
  placecast advise (--data <文件夹|文件.xlsx> | --demo) [--risk 0.1] [--draws 1000] [--moves] [--out <文件夹>]
  placecast --help [--lang zh-CN] | --version

命令：
  forecast   读取数据，按县区、学段、年级预测在校生，并写出结果。
             有学位数据时：比较学位与在校生（学位缺口、富余、班额）。
             有住房数据时：加上新建住房带来的学生（在“住房学生”表中单列）。
             使用 --draws 时：随机模拟的区间和学位不足的概率（随机种子固定）。
  report     同样的预测，写成规划人员阅读的报告：report.html（内嵌图表）、report.md，
             每张图表的 charts/<编号>.svg 和 charts/<编号>.png，以及 参数.csv（所用方法、产生率、
             阈值、随机种子和版本）。
  backtest   队列模型的滚动回测：从过去的年份出发预测，与实际比较
             （按步长、学段、县区计算平均绝对百分比误差、偏差、加权误差）。
  templates  写出空白填报模板（CSV 文件和一个 .xlsx 工作簿；其“说明”表列出每一列、
             示例行和每列可填的标签）。
  demo       预测并评估阳江示例数据（分县区数字为估算，含估算的学位、规划学位和住房），
             并写出结果。
  advise     模拟多条路径（默认 1000 条，随机种子 1），在每个县区、学段、年份学位不足概率
             不超过 --risk（默认 0.1）的前提下，建议保留、推迟或取消哪些规划项目，以及新增、
             临时或关闭多少学位，并与规划对照；成本参数为 estimatedLevers（估算值，见
             docs/advise.md）。--demo：阳江示例数据。--period <起-止>：比较新增学位的年份
             （默认模拟的前五年）。打印对照表；使用 --out 时写出 学位建议.csv、项目建议.csv、
             建议说明.csv（英文时为 advice.csv、projects.csv、adviceNotes.csv）。
             --moves：同一上级的县区之间可互借富余学位（一县的学生使用邻县的学位），写出
             学位调配.csv（借出县区、借入县区、学段、学年、学位）并列入建议说明；--move-cost <n>：
             每个调配学位每学年的成本，按闲置学位年计（默认 1，估算值）；--move-cap <比例>：
             每个县区每年最多借出的学位占其学位的比例（默认 0.05，估算值）。

选项：
  --data <路径>      CSV 文件夹（地区.csv、在校生.csv、出生人口.csv、学位.csv、规划学位.csv、
                     住房.csv，或英文文件名）或每类记录一张工作表的 .xlsx 工作簿。
                     表头可用中文或英文（见模板）。forecast、report、backtest 必填。
  --out <文件夹>     输出文件夹（自动创建）。forecast、report、templates 必填；backtest 可选
                     （不填则打印摘要）；demo 默认 placecast-demo。
  --config <文件>    配置文件（JSON，见 docs/cli.md）：以下任一选项按名称填写，例如
                     {"method": "mean", "ratioYears": 3, "headroom": 5, "classSize": {"primary": 45}}。
                     默认：当前文件夹中的 placecast.json（如有）。命令行选项优先于配置文件。
                     未知或无效的设置均报错。
  --to <年份>        预测到哪一学年（2035 = 2035/36 学年），最多为基年后 100 年。默认：基年 + 15。
  --method <方法>    升级比与入学比的推算方法：ses（简单指数平滑，默认）、mean（平均）、
                     weighted（近期加权平均）、median（中位数）、trend（线性趋势）、damped（阻尼趋势）。
  --ratio-years <n>  mean、weighted、median、trend、damped 使用最近 n 个比率。默认：3。
  --alpha <a>        ses 的平滑系数，取值 (0, 1]。默认：0.5。
  --births <方法>    最后已知年份之后的出生人口：last（沿用最后一个值，默认）、mean（平均）
                     或 trend（趋势），使用最近 --births-years（默认 3）个已知年份。
  --births-scenario <文件>
                     出生人口情景：列为 县区代码,年份,出生人口（或 area,year,births）的 CSV，
                     在其覆盖的年份代替 --births。
  --yields <文件>    住房学生产生率（千人指标折算为每户学生数）：JSON 文件
                     {"id", "source", "perDwelling": {<学段>: 每户学生数},
                     "phasing": {"weights": [...], "source"}}，或列为
                     kind,key,dwellingType,value,source 的 CSV。
                     默认：学制自带的（china：阳江 2020 年千人指标折算的规划假设）；
                     england、us-k12 没有默认值，有住房数据时须提供 --yields。
  --no-housing       不计新建住房（forecast、report、demo）。
  --headroom <百分比>
                     学位余量低于此百分比时预警“学位余量偏紧”。默认：5（规划惯例，非法规）。
  --surplus-risk <百分比>
                     学位使用率低于此百分比时预警“学位可能闲置”。默认：80。
  --class-size <n|学段=n,…>
                     所有学段的标准班额（如 45），或分学段（primary=45,junior=50）。
                     默认：学制自带的（china：GB 50099-2011）。
  --source <文字>    --headroom、--surplus-risk、--class-size 的依据（记入输出）。默认：“命令行”。
  --draws <n>        模拟 n 次（forecast、report、demo：区间与学位不足概率；backtest：区间覆盖率），
                     最多 100000。默认：不模拟。
  --seed <n>         随机种子（种子相同，结果相同）。默认：1。须与 --draws 同用。
  --origins <年份>   回测起点：列表 "2015,2016" 或范围 "2012-2018"。
                     默认：从历史第三年到基年前一年的每一年。
  --horizon <n>      回测向前年数，最多 100。默认：5。
  --level <层级>     回测单元：stage（学段合计，默认）或 grade（单个年级）。
  --lang <语言>      写出和打印内容的语言："en"（默认）或 "zh-CN"（"zh" 视同 zh-CN）；
                     templates 还可用 "both"（该命令的默认值）。
  --system <学制>    年级所属学制：china（默认）、england、us-k12。
  --format <列表>    写出的格式，逗号分隔：csv,xlsx,json（默认三种都写）。
  --no-png           report：图表只写 SVG（不写 PNG；Markdown 链接 SVG）。
  --quiet            不显示进度条（进度条只在终端的标准错误输出上显示）。
  -h, --help         本帮助（加 --lang zh-CN 为中文）。
  --version          版本号。

输出（forecast、report、demo）：<输出文件夹>/分学段在校生（按年）.csv（各县区、学段在校生，
年份横排）、分年级在校生.csv、分学段在校生.csv（含上级地区合计）、学位评估.csv（有学位数据时）、
住房学生.csv（有住房数据时）、模拟区间.csv（使用 --draws 时）、说明.csv、参数.csv（所用方法、
产生率、阈值、班额、随机种子和版本），以及同样内容的 placecast.xlsx 工作表和 placecast.json。
县区代码旁列出县区名称。CSV 文件显示整数人数和百分比（单位写在表头中）；工作簿用数字格式
显示同样内容，单元格保留精确值，每张表有筛选按钮并冻结表头；placecast.json 保存精确值。

限制（超出则在开始前停止，退出码 2）：
  --draws 最多 100000；--to 最多为基年后 100 年；--horizon 最多 100；输入（CSV 文件合计，
  或工作簿解压后）最多 128 MiB，每张表或每个文件最多 1048576 行；每次运行内存预算 2 GiB，
  按（实测）每个输出行（县区 × 年级 × 年份）12 KiB 加 24 字节 × 学段 × 年份 × 模拟次数估算。

脚本可依赖的输出：
  标准输出  每写出一个文件打印一行路径（backtest 不带 --out 时：摘要表）
  标准错误  "placecast：错误：…"（用法、文件）、"placecast：数据中有 N 个问题："及每个问题一行
            "✗ <文件>, sheet <表>, row <行>, column <列> (<表头>): <说明>"（警告以 "!" 开头）、
            缺少中文字体时的警告、摘要行，以及终端上的进度条。

退出码：
  0  成功
  1  输入数据有错误（每个错误都列出文件、工作表、行和列）
  2  命令行有误（未知命令或选项、缺少或无效的取值、配置文件无效），或超出上述限制
  3  文件或文件夹无法读取或写入
  4  意外错误（程序缺陷）
`;
