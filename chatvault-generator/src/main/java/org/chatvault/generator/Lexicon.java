package org.chatvault.generator;

import static org.chatvault.generator.Names.list;

/**
 * Word and phrase pools for chat text, most common first. Sentences are assembled from parts of
 * speech, so a few hundred entries give millions of distinct, plausible lines; real chat also
 * repeats its stock phrases a lot, which the phrase pools provide.
 */
final class Lexicon {
    private Lexicon() {}

    // English
    static final String[] EN_PHRASES = list("ok|haha|lol|thanks!|sounds good|yes|ok cool|sure|hahaha|got it|thank you"
            + "|okay|yep|nice|on my way|see you soon|no worries|good night|good morning|np|omw|lmao|great|cool"
            + "|thank you so much|perfect|same|me too|really?|wait what|not sure|let me check|one sec|brb|ty|for sure"
            + "|I'm home|almost there|can't wait|so tired|running late sorry|any update?|did you see this?|all good"
            + "|works for me|let's do it|my bad|exactly|true|fair enough|oh no|ugh|yay|good luck!|take care"
            + "|talk later|love you|miss you|call me when you can|are you free?|what time?|where are you?"
            + "|just landed|happy birthday!!|congrats!|nope|maybe|this is amazing|wow|omg|hmm|right|sorry|yes please"
            + "|no thanks|sounds like a plan|see you there|on it|done|ha|lmk|idk|sure thing|I'll be there|so good"
            + "|welcome back|drive safe|get well soon|happy new year!|cheers|noted|agreed|definitely|not yet");
    static final String[] EN_SUBJECTS = list("I|we|you|he|she|they|my mom|my boss|the team|everyone|Tom|our landlord"
            + "|the kids|my sister|the client|Anna|my dad|the manager|our neighbor|Jack");
    static final String[] EN_AUX = list("will|can't|just|might|need to|want to|already|should|have to|didn't|forgot to"
            + "|can|still need to|wanted to|promised to|won't|tried to|could|plan to|hope to|never|finally");
    static final String[] EN_VERBS = list("send|check|call|buy|finish|book|fix|bring|pick up|cancel|move|print|review"
            + "|update|share|find|clean|order|pay|sign|watch|read|reschedule|email|text|visit|forward|upload"
            + "|download|confirm|cook|drop off|look at|try|return|grab|get|change|post|charge|plan|sort out|rent");
    static final String[] EN_OBJECTS = list("the report|your message|the tickets|some groceries|the car|dinner|the slides"
            + "|the contract|the photos|the invoice|the meeting|a table for four|the kids|the package|my laptop"
            + "|the rent|that link|the new design|the hotel|the flight|coffee|the bill|the keys|the deck"
            + "|the spreadsheet|the doc|lunch|the dog|the apartment|pizza|the budget|the draft|the movie|the game"
            + "|some milk|the train tickets|the charger|the cake|the presents|the PR|the receipts|the schedule"
            + "|the venue|a taxi|the plumber|the first chapter|the playlist|the order|the video|your sweater");
    static final String[] EN_TAILS = list("|||tonight|tomorrow|later|after work|this weekend|right now|by Friday|asap"
            + "|before lunch|first thing tomorrow|next week|in 10 minutes|today|on the way home|this afternoon"
            + "|before the meeting|on Monday|when I get back|for you|for the party|again|too");
    static final String[] EN_ENDS = list(".||||!|?|!!| lol| haha|...| :)");
    static final String[] EN_QUESTIONS = list("Can you|Did you|Should we|Do you want to|Could you|Will you|Did they"
            + "|Can we|Are you going to|When can you|Who's going to|Do we need to");
    static final String[] EN_OPENERS = list("so|btw|honestly|ok so|also|fyi|wait|oh and|anyway|actually|hey|update:");
    static final String[] EN_STATES = list("is great|was so expensive|is late again|is closed today|was really good"
            + "|is broken|looks amazing|was a nightmare|is sold out|is on sale|was delicious|is ready|looks fine"
            + "|is too small|was hilarious|is so far|looks good to me|is kind of weird|was worth it|is perfect");
    static final String[] EN_WORDS = list("the|and|to|a|it|is|that|in|for|of|on|this|so|with|just|but|be|at|was"
            + "|not|have|we|really|all|get|about|if|one|like|out|time|what|good|there|some|now|think|know|going"
            + "|people|when|more|up|can|would|today|back|because|still|first|week|much|way|day|need|right|new"
            + "|work|next|thing|last|make|home|also|sure|after|maybe|place|great|very|should|every|around|nice");

    // Chinese
    static final String[] ZH_PHRASES = list("好的|哈哈哈|嗯嗯|收到|好|哈哈哈哈哈|在吗|OK|可以|谢谢|没问题|行|好嘞|知道了"
            + "|我到了|明天见|今天好累啊|吃饭了吗|晚安|早上好|谢谢老板|辛苦了|不行|等一下|马上到|路上堵车|稍等|真的假的"
            + "|太棒了|牛|厉害了|笑死|我也是|对啊|是的|不是吧|怎么了|有空吗|几点|在哪|多少钱|发我一下|已转账|红包已领"
            + "|生日快乐|新年快乐|恭喜恭喜|加油|注意安全|早点休息|想你了|我先睡了|刚下班|到家了吗|回头聊|晚点说|看到了"
            + "|好久不见|算了|随便|都行|听你的|我请客|下次一定|确实|离谱|绝了|救命|666|哦哦|好吧|啊这|无语|嗯|对|在的"
            + "|好滴|来了|马上|没事|不客气|哈哈|太好了|可以的|明白|了解|收到谢谢|辛苦啦|到了吗|吃了吗|睡了吗|起床了吗");
    static final String[] ZH_SUBJECTS = list("我|你|我们|他|她|他们|老板|我妈|我爸|大家|老师|同事|领导|小王|客户|孩子"
            + "|你们|咱们|老公|老婆|房东|隔壁|经理");
    static final String[] ZH_TIMES = list("|||明天|今天|今晚|刚才|下周|周末|等会儿|下午|早上|晚上|昨天|马上|现在|月底"
            + "|周五|中午|后天|这周|年底|过两天");
    static final String[] ZH_ADVERBS = list("||要|已经|还没|可能|想|先|一起|再|都|也|得|准备|正在|不想|必须|应该|顺便|打算"
            + "|刚|又");
    static final String[] ZH_VERBS = list("去|买|看|发|给|吃|改|交|订|取|带|做|问问|联系|处理|确认|收到|转给|打印|提交"
            + "|整理|修|找|搬|充值|下载|上传|退|报销|安排|接|送|寄|约|问|拿|试试|准备|弄完|检查");
    static final String[] ZH_OBJECTS = list("公司|那个文件|火锅|电影|你|机票|快递|方案|合同|报告|孩子|外卖|奶茶|酒店"
            + "|高铁票|会议室|报价|发票|照片|资料|作业|房租|衣服|钥匙|蛋糕|礼物|车|医院|超市|咖啡|群里的消息|新版本|数据"
            + "|预算|简历|体检报告|水电费|快递柜|烧烤|周报|年假|工资条|装修|驾照|签证|面试|那家店|猫粮|电费");
    static final String[] ZH_PARTICLES = list("|||了|吗|吧|呢|啊|呀|哦|啦|了吗|没");
    static final String[] ZH_ENDS = list("||。|！|？|~|…|!!|。");
    static final String[] ZH_QUESTIONS = list("要不要|能不能|可不可以|有没有|是不是|会不会|想不想");
    static final String[] ZH_STATES = list("好累|太忙了|挺好的|特别好吃|有点贵|下雨了|堵死了|好冷|热死了|还不错|太难了"
            + "|很顺利|超级开心|一般般|有点远|排队好久|卖完了|涨价了|搞定了|快到了|没空|不舒服|感冒了|放假了");
    static final String[] ZH_OPENERS = list("对了|话说|那个|哎|其实|顺便说一下|刚才|我跟你说|说真的|另外|然后");
    static final String[] ZH_FILLER = list("的|了|是|我|不|在|有|这|个|人|们|来|到|说|就|也|都|要|会|去|好|还|能|那|没|看"
            + "|一下|时候|知道|觉得|现在|已经|因为|所以|但是|然后|如果|这个|那个|什么|怎么|可以|还是|今天|明天|一起"
            + "|工作|问题|事情|东西|朋友|地方|时间|感觉|应该|需要|觉得|真的|其实|比较|特别|一直");

    // Chinese with English: the words that slip into Chinese chat in offices and among students.
    static final String[] LOAN_NOUNS = list("meeting|deadline|PPT|offer|bug|PR|KPI|Excel|case|demo|App|iPhone|Wi-Fi"
            + "|Zoom|feedback|plan B|brunch|party|Costco|Uber|email|ETA|deal|presentation|project|schedule"
            + "|call|slides|weekly report|roadmap|OKR|budget|proposal|Switch|vlog|KTV");
    static final String[] LOAN_VERBS = list("check|review|call|update|follow up|cancel|book|confirm|share|push|sync"
            + "|fix|cover|pick|support");
    static final String[] MIXED_PHRASES = list("OK的|好的thx|我check一下|等我call你|sorry我迟到了|哈哈哈so funny"
            + "|这个deadline太赶了|明天的meeting取消了|有空follow up一下|周末去brunch吗|帮我review一下|thx|nice啊"
            + "|OK没问题|bye啦|hhh|666 nb|emmm|get到了|我先offline了|cue一下|这波操作666|yyds|打call");

    static final String[] EMOJI = list("😂|👍|🙏|😭|🤣|😊|❤️|😅|🎉|😍|🤔|😘|😎|🥰|😁|🔥|💯|👀|🙈|😴|🤗|😡|😢|👏|✨"
            + "|🌹|🍻|🎂|🐶|🐱|☕|🍜|🙃|🤝|💪|😏|🥲|😤|🤦|✌️|🌞|🌙|🎁|📷|🚗|✈️|🏃|🍺|🥳|👌|😳|💔|🍉|🧧|🙄|😬|🤩"
            + "|😇|🤯|🫡|🫠|😋|🤤|🥺|👋|🙌|💀|🌧️|⚽|🏀|🎮|🎵|📚|💼|🏠|🍕|🍔");
    /** WeChat's bracketed emoticons, as they appear once exported to text. */
    static final String[] ZH_EMOTICONS = list("[捂脸]|[呲牙]|[偷笑]|[旺柴]|[强]|[抱拳]|[玫瑰]|[微笑]|[破涕为笑]|[奸笑]"
            + "|[让我看看]|[社会社会]|[耶]|[可怜]|[流泪]|[发呆]|[机智]|[皱眉]|[嘿哈]|[愉快]");
}
