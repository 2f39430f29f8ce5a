#!/usr/bin/python3
"""gen_program.py -- a deterministic N-site construction program in the
model format of examples/district-50.yaml.

usage: gen_program.py N [--seed S] > district-N.yaml

The program is district-50 grown to N villages: the same three calendars
(standard Mon-Sat with the bundled and the provisional 2027 holidays and the
worked-through May Day, concrete = standard plus the winter stop, office
Mon-Fri), the same venue template with its crews, the same four
program-wide deadlines (break ground in December, pilots by the end of May,
demonstration sites by the end of June, the whole batch by the end of
September, hard). What scales with N:

  townships   ceil(N / 10), about ten villages each, each with its four
              leaders and its organisation member (the sites' specialist);
  sites       ~15 % pilots (weight 3, tag pilot), ~12 % demonstration sites
              (weight 2, tag demonstration), the rest weight 1; ~10 % larger
              venues and ~10 % conversions with duration overrides, ~4 %
              contested land; a few site-own steps (demolition, village
              master plan, vacating the old school, the demonstration sites'
              visit to a pilot, and on ~4 % ordinary sites vacating rented
              rooms, with district-50's hard end-of-June deadline, which the
              critical path meets);
  crews       district-50's counts times N / 50 (rounded, at least 1), so
              the crews limit a program of any size about as much as they
              limit district-50;
  costs       district-50's costs and crash options on the venue template
              (for `planner whatif`);
  people      a district leader per two pilot/demonstration sites, the
              township leaders and a party secretary per village; the
              leaders visit their villages monthly, and the reporting dates
              are district-50's.

Everything comes from one fixed-seed generator (splitmix64, implemented
here so that the output does not depend on the Python version): the same
N and seed give the same bytes.
"""

import argparse
import math
import sys

# ------------------------------------------------------------------ random


class Rng:
    """splitmix64: small, fast and the same on every platform."""

    def __init__(self, seed):
        self.s = (seed * 0x9E3779B97F4A7C15 + 0x2545F4914F6CDD1D) & (2**64 - 1)

    def next(self):
        self.s = (self.s + 0x9E3779B97F4A7C15) & (2**64 - 1)
        z = self.s
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & (2**64 - 1)
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & (2**64 - 1)
        return z ^ (z >> 31)

    def below(self, n):
        return self.next() % n

    def between(self, a, b):
        return a + self.below(b - a + 1)

    def chance(self, p):
        return self.next() < p * 2**64

    def pick(self, seq):
        return seq[self.below(len(seq))]

    def shuffle(self, seq):
        for i in range(len(seq) - 1, 0, -1):
            j = self.below(i + 1)
            seq[i], seq[j] = seq[j], seq[i]

    def sample(self, seq, k):
        seq = list(seq)
        self.shuffle(seq)
        return seq[:k]


# ------------------------------------------------------------------- names

SURNAMES = [
    ("王", "wang"), ("李", "li"), ("张", "zhang"), ("刘", "liu"),
    ("陈", "chen"), ("杨", "yang"), ("赵", "zhao"), ("黄", "huang"),
    ("周", "zhou"), ("吴", "wu"), ("徐", "xu"), ("孙", "sun"), ("胡", "hu"),
    ("朱", "zhu"), ("高", "gao"), ("林", "lin"), ("何", "he"), ("郭", "guo"),
    ("马", "ma"), ("罗", "luo"), ("梁", "liang"), ("宋", "song"),
    ("郑", "zheng"), ("谢", "xie"), ("韩", "han"), ("唐", "tang"),
    ("冯", "feng"), ("于", "yu"), ("董", "dong"), ("萧", "xiao"),
    ("程", "cheng"), ("曹", "cao"), ("袁", "yuan"), ("邓", "deng"),
    ("许", "xu"), ("傅", "fu"), ("沈", "shen"), ("曾", "zeng"), ("彭", "peng"),
    ("吕", "lv"), ("苏", "su"), ("卢", "lu"), ("蒋", "jiang"), ("蔡", "cai"),
    ("贾", "jia"), ("丁", "ding"), ("魏", "wei"), ("薛", "xue"), ("叶", "ye"),
    ("阎", "yan"), ("余", "yu"), ("潘", "pan"), ("杜", "du"), ("戴", "dai"),
    ("夏", "xia"), ("钟", "zhong"), ("汪", "wang"), ("田", "tian"),
    ("任", "ren"), ("姜", "jiang"), ("范", "fan"), ("方", "fang"),
    ("石", "shi"), ("姚", "yao"), ("谭", "tan"), ("廖", "liao"), ("邹", "zou"),
    ("熊", "xiong"), ("金", "jin"), ("陆", "lu"), ("郝", "hao"), ("孔", "kong"),
    ("白", "bai"), ("崔", "cui"), ("康", "kang"), ("毛", "mao"), ("邱", "qiu"),
    ("秦", "qin"), ("江", "jiang"), ("史", "shi"), ("顾", "gu"), ("侯", "hou"),
    ("邵", "shao"), ("孟", "meng"), ("龙", "long"), ("万", "wan"),
    ("段", "duan"), ("雷", "lei"), ("钱", "qian"), ("汤", "tang"), ("尹", "yin"),
    ("黎", "li"), ("易", "yi"), ("常", "chang"), ("武", "wu"), ("乔", "qiao"),
    ("贺", "he"), ("赖", "lai"), ("龚", "gong"), ("文", "wen"),
]
GIVEN = [
    ("德", "de"), ("福", "fu"), ("长", "chang"), ("河", "he"), ("守", "shou"),
    ("义", "yi"), ("建", "jian"), ("军", "jun"), ("春", "chun"),
    ("生", "sheng"), ("永", "yong"), ("贵", "gui"), ("玉", "yu"),
    ("山", "shan"), ("海", "hai"), ("成", "cheng"), ("林", "lin"),
    ("国", "guo"), ("强", "qiang"), ("立", "li"), ("新", "xin"),
    ("占", "zhan"), ("奎", "kui"), ("宝", "bao"), ("全", "quan"),
    ("世", "shi"), ("明", "ming"), ("金", "jin"), ("志", "zhi"),
    ("刚", "gang"), ("秀", "xiu"), ("英", "ying"), ("振", "zhen"),
    ("东", "dong"), ("龙", "long"), ("学", "xue"), ("文", "wen"),
    ("满", "man"), ("仓", "cang"), ("凤", "feng"), ("胜", "sheng"),
    ("斌", "bin"), ("平", "ping"), ("伟", "wei"), ("红", "hong"),
    ("梅", "mei"), ("华", "hua"), ("丽", "li"), ("静", "jing"), ("涛", "tao"),
    ("鹏", "peng"), ("磊", "lei"), ("燕", "yan"), ("敏", "min"), ("勇", "yong"),
    ("峰", "feng"), ("兰", "lan"), ("庆", "qing"), ("顺", "shun"),
    ("水", "shui"), ("民", "min"), ("亮", "liang"), ("江", "jiang"),
    ("仁", "ren"), ("树", "shu"), ("田", "tian"), ("荣", "rong"),
]
# Two-character township names: a first and a second part.
TOWN_A = [("东", "dong"), ("西", "xi"), ("南", "nan"), ("北", "bei"),
          ("大", "da"), ("小", "xiao"), ("新", "xin"), ("高", "gao"),
          ("清", "qing"), ("石", "shi"), ("白", "bai"), ("黄", "huang"),
          ("柳", "liu"), ("杨", "yang"), ("马", "ma"), ("龙", "long"),
          ("河", "he"), ("桃", "tao"), ("双", "shuang"), ("三", "san")]
TOWN_B = [("河", "he"), ("山", "shan"), ("桥", "qiao"), ("营", "ying"),
          ("庄", "zhuang"), ("湾", "wan"), ("坪", "ping"), ("沟", "gou"),
          ("口", "kou"), ("树", "shu"), ("泉", "quan"), ("岭", "ling")]
# Village names: <surname>家<feature>村, <direction><feature>村, ...
FEATURES = ["庄", "沟", "湾", "营", "台", "梁", "寨", "堡", "洼", "屯",
            "坡", "峪", "窑", "岭", "滩", "店"]
PLACE_A = ["东", "西", "南", "北", "前", "后", "上", "下", "大", "小",
           "新", "红旗", "团结", "胜利", "永丰", "太平", "五里", "十里",
           "杏树", "榆树", "柳树", "黄土", "石门", "双井", "八家", "三道",
           "碾盘", "庙", "白杨", "青山", "清泉", "长胜", "兴隆", "丰收"]
PLACE_B = ["沟", "洼", "庄", "营", "台", "梁", "湾", "铺", "墩", "坡",
           "岔", "堡", "子", "林", "河", "井"]

DISTRICT_ROLES = [
    "区委常委、组织部部长（领导小组组长）", "区委组织部副部长",
    "副区长（分管城乡建设）", "区住建局局长", "区财政局局长",
    "区自然资源局局长", "区农业农村局局长", "区委办公室副主任",
    "区政府办公室副主任", "区发改局局长", "区民政局局长",
    "区委宣传部副部长", "区乡村振兴局局长", "区交通运输局局长",
    "区水务局局长", "区委组织部组织科科长",
]
TOWNSHIP_ROLES = ["党委书记", "{head}", "党委副书记", "人大主席"]

# ------------------------------------------------------------- fixed text

HEADER = """\
# {name}
#
# Generated by bench/gen_program.py {n} --seed {seed}: district-50
# (examples/district-50.yaml) grown to {n} villages in {towns} townships,
# for benchmarks against TaskJuggler (bench/programs_bench.py). The district
# meeting of 2026-11-23 set the countdown (建设工期倒计时制):
#   - all {n} villages break ground in December 2026 (12月全部动工);
#   - the {pilots} pilot villages (试点村) finished by the end of May 2027;
#   - the {demos} demonstration sites (示范点) by the end of June 2027;
#   - the whole batch accepted by the end of September 2027.
# Crews are district-50's counts scaled by {n}/50, so they limit the
# schedule about as much as in district-50.
#
#   planner check bench/programs/{id}.yaml
#   planner plan  bench/programs/{id}.yaml --out out/{id}

program:
  id: {id}
  name: {name}
  timezone: Asia/Shanghai
  start: 2026-11-23
  now: 2026-11-23T00:00:00Z
  calendar: standard
"""

CALENDARS = """\
# ---------------------------------------------------------------- calendars
# The same three calendars as district-50.
calendars:
  - id: standard
    name: 施工日历（周一至周六）
    weekdays: [mon, tue, wed, thu, fri, sat]
    holidays: cn
    years:
      # 2027 is not bundled yet: our provisional guess in the usual pattern.
      - &cn2027
        year: 2027
        provisional: true
        days_off:
          - {from: 2027-01-01, to: 2027-01-03, name: 元旦}
          - {from: 2027-02-05, to: 2027-02-13, name: 春节}
          - {from: 2027-04-03, to: 2027-04-05, name: 清明节}
          - {from: 2027-05-01, to: 2027-05-05, name: 劳动节}
          - {from: 2027-06-09, to: 2027-06-11, name: 端午节}
          - {date: 2027-09-15, name: 中秋节}
          - {from: 2027-10-01, to: 2027-10-07, name: 国庆节}
        working_days:
          - {date: 2027-01-31, name: 春节}
          - {date: 2027-02-20, name: 春节}
          - {date: 2027-04-25, name: 劳动节}
          - {date: 2027-09-26, name: 国庆节}
          - {date: 2027-10-09, name: 国庆节}
    work_through:
      - {holiday: 劳动节, year: 2027}      # 五一不停工
  - id: concrete
    name: 混凝土施工日历（含冬季停工）
    extends: standard
    days_off:
      - {from: 2027-01-15, to: 2027-02-28, name: 冬季混凝土停工}
  - id: office
    name: 机关工作日（周一至周五）
    weekdays: [mon, tue, wed, thu, fri]
    holidays: cn
    years: [*cn2027]
"""

REPORTING = """\
# --------------------------------------------------------------- reporting
# One statistic a week, one report a week, one bulletin a month.
reporting:
  - {{id: weekly_statistics, name: 每周统计, every: week, on: thu, calendar: office, people: [{specialists}]}}
  - {{id: weekly_report, name: 每周汇报, every: week, on: fri, time: "15:00", minutes: 90, calendar: office, people: [{district}]}}
  - {{id: monthly_bulletin, name: 每月通报, every: month, day: 5, calendar: office, people: [{district}]}}
"""

TEMPLATE = """\
# ---------------------------------------------------------------- templates
# The venue of district-50, unchanged.
templates:
  - id: venue
    name: 村级组织活动场所
    tasks:
      - {id: site_choice, name: 选址, duration: 3}
      - {id: design, name: 规划设计方案审核, duration: 10, calendar: office, after: [site_choice]}
      - {id: land, name: 征地补偿, duration: 10, calendar: office, after: [site_choice, "design SS+2"]}
      - {id: tender, name: 统一招投标, duration: 10, calendar: office, after: [design],
         crash: {duration: 7, cost_per_day: 200}}
      - {id: funds, name: 县配套资金到位, duration: 5, calendar: office, after: [design]}
      - {id: ground_breaking, name: 动工, duration: 0, after: [design, land, tender, funds]}
      - {id: foundations, name: 基础, duration: 15, calendar: concrete, crews: {earthworks: 1}, after: [ground_breaking],
         cost: 8000, crash: {duration: 12, cost_per_day: 400}}
      - {id: structure, name: 主体, duration: 25, calendar: concrete, crews: {masonry: 1}, after: ["foundations FS+3"],
         cost: 16000, crash: {duration: 20, cost_per_day: 600}}
      - {id: roof, name: 屋面, duration: 10, crews: {roofing: 1}, after: [structure],
         cost: 5000, crash: {duration: 8, cost_per_day: 300}}
      - {id: utilities, name: 水电暖, duration: 15, crews: {utilities: 1}, after: ["roof SS+3"],
         cost: 4000, crash: {duration: 12, cost_per_day: 250}}
      - {id: fitout, name: 装修, duration: 20, crews: {fitout: 1}, after: [roof, "utilities FF+2"],
         cost: 6000, crash: {duration: 15, cost_per_day: 300}}
      - {id: equipment, name: 配齐设施, duration: 6, crews: {installers: 1}, after: [fitout],
         cost: 6000, crash: {duration: 4, cost_per_day: 500}}
      - {id: acceptance, name: 验收, duration: 0, after: [equipment]}
"""

CREWS = [  # id, name, district-50 count, calendar
    ("earthworks", "土方基础施工队", 12, "concrete"),
    ("masonry", "主体砌筑施工队", 16, "concrete"),
    ("roofing", "屋面防水施工队", 8, None),
    ("utilities", "水电暖安装队", 8, None),
    ("fitout", "装饰装修队", 10, None),
    ("installers", "设施设备安装组", 3, None),
]

DEADLINES = """\
# ---------------------------------------------------------------- deadlines
deadlines:
  - {{id: ground_dec,  name: 12月全部动工,       task: ground_breaking, start_within: 2026-12}}
  - {{id: pilot_done,  name: 试点村5月底建成,    tag: pilot,         finish_by: 2027-05}}
  - {{id: demo_done,   name: 示范点6月底建成,    tag: demonstration, finish_by: 2027-06}}
  - {{id: batch_done,  name: 第一批{n}个村全部验收, finish_by: 2027-09, hard: true}}
"""


# ---------------------------------------------------------------- program

class People:
    def __init__(self, rng):
        self.rng = rng
        self.ids = set()
        self.names = set()
        self.lines = []

    def new(self, role, comment=""):
        for _ in range(1000):
            s = self.rng.pick(SURNAMES)
            g = [self.rng.pick(GIVEN) for _ in range(self.rng.between(1, 2))]
            if len(g) == 2 and g[0] == g[1]:
                continue
            name = s[0] + "".join(c for c, _ in g)
            if name not in self.names:
                break
        self.names.add(name)
        pid = s[1] + "_" + "".join(p for _, p in g)
        base, k = pid, 2
        while pid in self.ids:
            pid = "%s%d" % (base, k)
            k += 1
        self.ids.add(pid)
        self.lines.append((pid, name, role, comment))
        return pid


def village_names(rng, n):
    seen = set()
    out = []
    misses = 0
    while len(out) < n:
        r = rng.below(10)
        if r < 6:
            name = rng.pick(SURNAMES)[0] + "家" + rng.pick(FEATURES) + "村"
        else:
            name = rng.pick(PLACE_A) + rng.pick(PLACE_B) + "村"
        if name in seen:
            misses += 1
            if misses < 200:
                continue
            # The combinations run out (some thousands of villages): then
            # numbered villages, as in 李家沟2村.
            k = 2
            while "%s%d村" % (name[:-1], k) in seen:
                k += 1
            name = "%s%d村" % (name[:-1], k)
        misses = 0
        seen.add(name)
        out.append(name)
    return out


def flow(d):
    """A flow mapping of scalars (no quoting needed for our values)."""
    return "{" + ", ".join("%s: %s" % kv for kv in d.items()) + "}"


def generate(n, seed):
    rng = Rng(seed)
    width = max(2, len(str(n)))
    site_ids = ["v%0*d" % (width, i + 1) for i in range(n)]
    names = village_names(rng, n)

    # Townships: about ten villages each, consecutive site numbers.
    towns_n = max(1, math.ceil(n / 10))
    combos = [(a, b) for a in TOWN_A for b in TOWN_B if a[0] != b[0]]
    while len(combos) < towns_n:  # only beyond ~230 townships
        combos += [((a[0] + "新", a[1] + "xin"), b) for a, b in combos]
    towns = []
    for k, (a, b) in enumerate(rng.sample(combos, towns_n)):
        kind = "镇" if rng.chance(0.6) else "乡"
        tag = a[1] + b[1]
        if any(t["tag"] == tag for t in towns):
            tag += str(k)
        towns.append({"name": a[0] + b[0] + kind, "tag": tag, "kind": kind,
                      "sites": []})
    for i in range(n):
        towns[i * towns_n // n]["sites"].append(i)

    # Site kinds.
    pilots = set(rng.sample(range(n), round(0.15 * n)))
    demos = set(rng.sample([i for i in range(n) if i not in pilots],
                           round(0.12 * n)))
    weight = [3 if i in pilots else 2 if i in demos else 1 for i in range(n)]
    order = list(range(n))
    rng.shuffle(order)
    k_large, k_conv = round(0.10 * n), round(0.10 * n)
    large = set(order[:k_large])
    conversion = set(order[k_large:k_large + k_conv])
    rest = order[k_large + k_conv:]
    contested = set(rest[:round(0.04 * n)])
    village_plan = set(rng.sample(range(n), max(1, round(0.03 * n))))
    # The rented rooms' hard deadline (end of June) must hold without crews:
    # only ordinary sites (weight 1, standard size, no extra approval).
    plain = [i for i in range(n) if weight[i] == 1 and i not in large
             and i not in contested and i not in village_plan]
    rented = set(rng.sample(plain, min(len(plain),
                                       max(1, round(0.04 * n)))))
    demolition = set(rng.sample(sorted(large), min(len(large),
                                                    max(1, round(0.04 * n)))))
    school = set(rng.sample(sorted(conversion),
                            min(len(conversion), max(1, round(0.02 * n)))))
    pilot_list = sorted(pilots)
    visit = {}
    for i in sorted(demos):
        if pilot_list and rng.chance(0.25):
            visit[i] = rng.pick(pilot_list)
    meeting = set(rng.sample(pilot_list, min(len(pilot_list),
                                             max(1, round(n / 50)))))

    # People: district leaders (two pilot/demonstration sites each),
    # township leaders and specialist, one party secretary per village.
    people = People(rng)
    leader_of = {}
    special = sorted(pilots | demos)
    rng.shuffle(special)
    district = []
    for k in range(0, len(special), 2):
        role = DISTRICT_ROLES[len(district) % len(DISTRICT_ROLES)]
        if len(district) >= len(DISTRICT_ROLES):
            role = "区直部门负责人（包村联点）"
        pid = people.new(role, " ".join(site_ids[i]
                                        for i in sorted(special[k:k + 2])))
        district.append(pid)
        for i in special[k:k + 2]:
            leader_of[i] = pid
    specialist = {}
    visiting = set(district)
    for t in towns:
        leaders = []
        for r in TOWNSHIP_ROLES:
            role = r.format(head="镇长" if t["kind"] == "镇" else "乡长")
            leaders.append(people.new(t["name"] + role))
        visiting.update(leaders)
        spec = people.new(t["name"] + "组织委员")
        for j, i in enumerate(t["sites"]):
            specialist[i] = spec
            if i not in leader_of:
                leader_of[i] = leaders[j % len(leaders)]
    secretary = [people.new(names[i] + "党支部书记") for i in range(n)]

    out = []
    w = out.append
    name = "某区村级组织活动场所建设（%d个村）" % n
    w(HEADER.format(name=name, n=n, seed=seed, towns=towns_n,
                    pilots=len(pilots), demos=len(demos),
                    id="district-%d" % n))
    w("\n" + CALENDARS)
    w("\n# -------------------------------------------------------------------"
      " crews\n# district-50's counts x %d/50.\ncrews:\n" % n)
    for cid, cname, base, cal in CREWS:
        c = {"id": cid, "name": cname, "count": max(1, round(base * n / 50))}
        if cal:
            c["calendar"] = cal
        w("  - %s\n" % flow(c))
    w("\n# ------------------------------------------------------------------"
      " people\npeople:\n")
    for pid, pname, role, comment in people.lines:
        visits = (", visits: {every: month, day: 10, calendar: office}"
                  if pid in visiting else "")
        w("  - {id: %s, name: %s, role: %s%s}%s\n"
          % (pid, pname, role, visits, ("   # " + comment) if comment else ""))
    w("\n" + REPORTING.format(
        specialists=", ".join(sorted(set(specialist.values()))),
        district=", ".join(district[:5])))
    w("\n" + TEMPLATE)
    w("\n# -------------------------------------------------------------------"
      " sites\n# weight: pilot 3, demonstration 2, others 1.\nsites:\n")
    for t in towns:
        w("  # ---- %s (%s)\n" % (t["name"], t["tag"]))
        for i in t["sites"]:
            sid = site_ids[i]
            tags = [t["tag"]]
            if i in pilots:
                tags.append("pilot")
            elif i in demos:
                tags.append("demonstration")
            durations = {}
            comment = None
            if i in large:
                tags.append("large")
                area = rng.between(20, 28) * 10
                comment = "%d m², new build" % area
                durations = {"design": 12,
                             "structure": 25 + (area - 160) // 12,
                             "roof": 12,
                             "fitout": 20 + (area - 160) // 15}
            elif i in conversion:
                tags.append("conversion")
                comment = "conversion of the old village school (旧村小改造)" \
                    if i in school else rng.pick([
                        "conversion of the old brigade office (旧大队部改造)",
                        "extension of the village office (扩建)"])
                small = rng.chance(0.5)
                durations = {"foundations": 5 if small else 8,
                             "structure": 8 if small else 12,
                             "roof": 6 if small else 8,
                             "utilities": 10, "fitout": 15}
            elif i in contested:
                comment = "households contest the compensation (征地协商)"
                durations = {"land": rng.between(15, 20)}
            if i in rented:
                tags.append("rented")
            responsible = [leader_of[i], specialist[i], secretary[i]]
            own = []
            deadlines = []
            if i in village_plan:
                own.append({"id": "village_plan", "name": "村庄规划报批",
                            "duration": 9, "calendar": "office",
                            "before": "[site_choice]"})
            if i in demolition:
                own.append({"id": "demolition", "name": "拆除旧房",
                            "duration": 5, "after": "[ground_breaking]",
                            "before": "[foundations]"})
            if i in school:
                own.append({"id": "vacate_school", "name": "旧址腾空",
                            "duration": 3, "after": "[ground_breaking]",
                            "before": "[foundations]"})
                deadlines.append({"id": "class_ends", "name": "冬学结束后腾空",
                                  "task": "vacate_school",
                                  "start_not_before": "2027-01-18"})
            if i in visit:
                own.append({"id": "pilot_visit", "name": "观摩试点（定装修配置标准）",
                            "duration": 1,
                            "after": "[%s/acceptance]" % site_ids[visit[i]],
                            "before": "[fitout]"})
            if i in rented:
                own.append({"id": "vacate_rented", "name": "腾退租用场所",
                            "duration": 2,
                            "after": "[{task: acceptance, type: SF}]"})
                deadlines.append({"id": "rented_cleared",
                                  "name": "租用场所6月底前清零",
                                  "task": "vacate_rented",
                                  "finish_by": "2027-06-30", "hard": "true"})
            if i in meeting:
                deadlines.append({"id": "city_meeting", "name": "全市现场观摩会",
                                  "finish_by": "2027-05-20"})
            head = {"id": sid, "name": names[i], "template": "venue"}
            if weight[i] != 1:
                head["weight"] = weight[i]
            head["tags"] = "[" + ", ".join(tags) + "]"
            head["responsible"] = "[" + ", ".join(responsible) + "]"
            if not (durations or own or deadlines or comment):
                w("  - %s\n" % flow(head))
                continue
            w("  - id: %s\n" % sid)
            w("    name: %s%s\n" % (names[i],
                                    ("   # " + comment) if comment else ""))
            for k in ("template", "weight", "tags", "responsible"):
                if k in head:
                    w("    %s: %s\n" % (k, head[k]))
            if durations:
                w("    durations: %s\n" % flow(durations))
            if own:
                w("    tasks:\n")
                for task in own:
                    w("      - %s\n" % flow(task))
            if deadlines:
                w("    deadlines:\n")
                for dl in deadlines:
                    w("      - %s\n" % flow(dl))
    w("\n" + DEADLINES.format(n=n))
    return "".join(out)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("n", type=int, help="number of sites (villages)")
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args()
    if a.n < 1:
        ap.error("N must be at least 1")
    sys.stdout.write(generate(a.n, a.seed))


if __name__ == "__main__":
    main()
