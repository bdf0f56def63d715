package org.chatvault.generator;

/** Name material for people, groups and channels, most common first. */
final class Names {
    private Names() {}

    static String[] list(String joined) { return joined.split("\\|"); }

    static final String[] ZH_SURNAMES = list("王|李|张|刘|陈|杨|黄|赵|吴|周|徐|孙|马|朱|胡|郭|何|高|林|罗|郑|梁|谢|宋|唐"
            + "|许|韩|冯|邓|曹|彭|曾|肖|田|董|袁|潘|于|蒋|蔡|余|杜|叶|程|苏|魏|吕|丁|任|沈|姚|卢|姜|崔|钟|谭|陆|汪|范"
            + "|金|石|廖|贾|夏|韦|付|方|白|邹|孟|熊|秦|邱|江|尹|薛|闫|段|雷|侯|龙|史|陶|黎|贺|顾|毛|郝|龚|邵|万|钱|严"
            + "|覃|武|戴|莫|孔|向|汤|欧阳|司马|上官|诸葛");
    static final String[] ZH_GIVEN = list("伟|芳|娜|秀英|敏|静|丽|强|磊|军|洋|勇|艳|杰|娟|涛|明|超|秀兰|霞|平|刚|桂英"
            + "|建华|文|华|金凤|玉兰|子涵|浩然|梓萱|欣怡|宇轩|一诺|思远|雨桐|佳怡|俊杰|晓明|晓燕|志强|海燕|建国|丹|婷婷"
            + "|雪|鹏|飞|博文|子豪|诗涵|梦琪|嘉怡|雅婷|天宇|昊天|若曦|晨|欣|悦|琳|颖|凯|斌|辉|宁|倩|蕾|瑶|露|晶|慧"
            + "|玲|萍|红|梅|鑫|浩|宇|帆|航|阳|旭|东|亮|波|健|峰|毅|志明|国强|立新|春梅|秋菊|冬梅|小红|小军|小龙|美玲"
            + "|家豪|嘉欣|文杰|子轩|雨欣|梓涵|一鸣|思琪|紫怡|晓东|振华|丽娟|雨婷|心怡|泽宇|皓轩|可欣|语嫣|明轩|静怡"
            + "|佳琪|俊熙|梦洁|嘉豪|子墨|亦菲|书瑶");
    static final String[] EN_FIRST = list("James|Mary|John|Patricia|Robert|Jennifer|Michael|Linda|David|Elizabeth"
            + "|William|Barbara|Richard|Susan|Joseph|Jessica|Thomas|Sarah|Chris|Karen|Daniel|Lisa|Matthew|Nancy"
            + "|Anthony|Betty|Mark|Sandra|Steven|Ashley|Paul|Emily|Andrew|Michelle|Josh|Amanda|Kevin|Melissa|Brian"
            + "|Stephanie|George|Rebecca|Tim|Laura|Jason|Amy|Ryan|Anna|Jacob|Olivia|Eric|Emma|Jonathan|Sophia"
            + "|Justin|Grace|Brandon|Chloe|Sam|Mia|Ben|Zoe|Alex|Lily|Nick|Hannah|Tom|Ella|Adam|Ava|Kyle|Claire"
            + "|Noah|Ruby|Ethan|Alice|Lucas|Ivy|Leo|Nora|Max|Julia|Oscar|Maya|Henry|Lucy|Jack|Sofia|Luke|Isla"
            + "|Owen|Kate|Priya|Hiro|Mateo|Lena|Omar|Yuki|Wei|Kenji|Ana|Ravi");
    static final String[] EN_LAST = list("Smith|Johnson|Williams|Brown|Jones|Garcia|Miller|Davis|Rodriguez|Martinez"
            + "|Hernandez|Lopez|Wilson|Anderson|Thomas|Taylor|Moore|Jackson|Martin|Lee|Thompson|White|Harris|Clark"
            + "|Lewis|Robinson|Walker|Young|Allen|King|Wright|Scott|Green|Baker|Adams|Nelson|Hill|Campbell|Mitchell"
            + "|Roberts|Carter|Phillips|Evans|Turner|Parker|Collins|Edwards|Stewart|Morris|Murphy|Cook|Rogers"
            + "|Morgan|Cooper|Peterson|Reed|Bailey|Bell|Kelly|Howard|Ward|Cox|Richardson|Wood|Watson|Brooks"
            + "|Bennett|Gray|Hughes|Price|Sanders|Myers|Long|Ross|Foster|Chen|Wong|Nguyen|Kim|Patel|Singh|Tanaka"
            + "|Schmidt|Rossi|Silva");

    /** Contact remarks people give their closest chats instead of the real name. */
    static final String[] ZH_REMARKS = list("妈妈|老爸|老婆|老公|宝贝|姐|哥|房东王姐|快递小哥|张老师|王总|外婆|小姨|师傅|李医生");
    static final String[] EN_REMARKS = list("Mom|Dad|Babe|Honey|Grandma|Landlord|Boss|Coach|Dr. Lee|Sis|Bro");

    static final String[] ZH_GROUP_HEADS = list("相亲相爱一家人|家人|大学同学|高中同学|初中同学|公司|产品部|技术部|市场部"
            + "|羽毛球|跑步|读书会|业主|宝妈|王者荣耀|旅行|摄影|租房|篮球|技术交流|前端|徒步|健身|吃货|考研|留学|基金"
            + "|二手闲置|猫咪|钓鱼|桌游|自驾游|婚礼筹备|同学聚会|研究生|实验室|幼儿园家长|物业通知|年会|团建");
    static final String[] ZH_GROUP_TAILS = list("群||交流群|小分队|吐槽群|一家亲|2023|2024|三班|闲聊|大群|核心群|通知群|❤️|🏸");
    static final String[] EN_GROUP_HEADS = list("Family|College Friends|Hiking|Project Phoenix|Book Club|Soccer|Roommates"
            + "|Team Alpha|Design|Parents|Gaming|Trip to Japan|Climbing|Dev Team|Wedding Planning|Neighbors"
            + "|Running Club|Board Games|Class of 2015|Lunch|Study Group|Band|Cousins|Sales|Startup|Book Swap"
            + "|Birthday Surprise|Ski Trip|Yoga|Poker Night");
    static final String[] EN_GROUP_TAILS = list("| Crew| Squad| Chat| 2024| Group| Gang| 🏔️| Team| Fam| HQ| (official)");

    static final String[] CHANNELS = list("每日新闻早报|Tech Daily|少数派|Hacker News Digest|英语每日一句|36氪|财经快讯"
            + "|The Verge|数码评测|Reuters World|美食日记|旅行攻略|Android Updates|编程随想|Crypto Alerts|读书笔记"
            + "|Weather Alerts|豆瓣电影|NBA News|每日壁纸|Rust Weekly|健康生活|Daily Memes|Apple Deals");
}
