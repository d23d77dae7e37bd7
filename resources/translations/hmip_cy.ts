<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="cy_GB" sourcelanguage="en">
<context>
    <name>AnswerEditors</name>
    <message>
        <location filename="../../hmip_desktop/ui/views/answer_editors.py" line="103"/>
        <source>Key %1</source>
        <translation>Bysell %1</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/answer_editors.py" line="335"/>
        <source>Not a valid value</source>
        <translation>Nid yw'n werth dilys</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/answer_editors.py" line="310"/>
        <source>dd/mm/yyyy</source>
        <translation>dd/mm/bbbb</translation>
    </message>
</context>
<context>
    <name>CaseListModel</name>
    <message>
        <location filename="../../hmip_desktop/ui/models/case_list.py" line="79"/>
        <source>Case</source>
        <translation>Achos</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/models/case_list.py" line="79"/>
        <source>Complete</source>
        <translation>Wedi'i gwblhau</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/models/case_list.py" line="79"/>
        <source>Last edited</source>
        <translation>Golygwyd ddiwethaf</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/models/case_list.py" line="79"/>
        <source>Profile</source>
        <translation>Proffil</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/models/case_list.py" line="79"/>
        <source>Reader</source>
        <translation>Darllenydd</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/models/case_list.py" line="79"/>
        <source>Status</source>
        <translation>Statws</translation>
    </message>
</context>
<context>
    <name>CaseListPage</name>
    <message>
        <location filename="../../hmip_desktop/ui/views/case_list_page.py" line="142"/>
        <source>%1 complete · %2 in progress · %3 not started</source>
        <translation>Wedi'u cwblhau: %1 · Ar waith: %2 · Heb ddechrau: %3</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/case_list_page.py" line="139"/>
        <source>%v of %m case reads complete</source>
        <translation>%v o %m darlleniad achos wedi'u cwblhau</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/case_list_page.py" line="89"/>
        <source>&amp;Find case</source>
        <translation>&amp;Canfod achos</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/case_list_page.py" line="93"/>
        <source>&amp;Reader</source>
        <translation>&amp;Darllenydd</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/case_list_page.py" line="92"/>
        <source>&amp;Status</source>
        <translation>&amp;Statws</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/case_list_page.py" line="104"/>
        <source>All</source>
        <translation>Y cyfan</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/case_list_page.py" line="96"/>
        <source>Case reads</source>
        <translation>Darlleniadau achos</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/case_list_page.py" line="90"/>
        <source>Case reference</source>
        <translation>Cyfeirnod achos</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/case_list_page.py" line="105"/>
        <source>Complete</source>
        <translation>Wedi'i gwblhau</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/case_list_page.py" line="112"/>
        <source>Everyone</source>
        <translation>Pawb</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/case_list_page.py" line="95"/>
        <source>Filter by reader</source>
        <translation>Hidlo yn ôl darllenydd</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/case_list_page.py" line="94"/>
        <source>Filter by status</source>
        <translation>Hidlo yn ôl statws</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/case_list_page.py" line="91"/>
        <source>Find case by reference</source>
        <translation>Canfod achos yn ôl cyfeirnod</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/case_list_page.py" line="105"/>
        <source>In progress</source>
        <translation>Ar waith</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/case_list_page.py" line="140"/>
        <source>Inspection progress</source>
        <translation>Cynnydd yr arolygiad</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/case_list_page.py" line="105"/>
        <source>Not started</source>
        <translation>Heb ddechrau</translation>
    </message>
</context>
<context>
    <name>CaseReadPage</name>
    <message>
        <location filename="../../hmip_desktop/ui/views/case_read_page.py" line="301"/>
        <source>%1 still to do</source>
        <translation>%1 i'w gwneud o hyd</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/case_read_page.py" line="154"/>
        <source>Back to the case list (Ctrl+L)</source>
        <translation>Yn ôl i'r rhestr achosion (Ctrl+L)</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/case_read_page.py" line="283"/>
        <source>Case %1</source>
        <translation>Achos %1</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/case_read_page.py" line="153"/>
        <source>Case list</source>
        <translation>Rhestr achosion</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/case_read_page.py" line="284"/>
        <source>Complete</source>
        <translation>Wedi'i gwblhau</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/case_read_page.py" line="288"/>
        <source>Ctrl+Return</source>
        <translation>Ctrl+Return</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/case_read_page.py" line="299"/>
        <source>Does not apply to this case</source>
        <translation>Nid yw'n berthnasol i'r achos hwn</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/case_read_page.py" line="303"/>
        <source>Done</source>
        <translation>Wedi'i wneud</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/case_read_page.py" line="157"/>
        <source>Guidance</source>
        <translation>Canllawiau</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/case_read_page.py" line="284"/>
        <source>In progress</source>
        <translation>Ar waith</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/case_read_page.py" line="287"/>
        <source>Mark complete</source>
        <translation>Marcio'n gyflawn</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/case_read_page.py" line="250"/>
        <source>Not saved</source>
        <translation>Heb ei gadw</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/case_read_page.py" line="245"/>
        <source>Not saved: %1. What you entered is still on screen and will be saved again with your next change.</source>
        <translation>Heb ei gadw: %1. Mae'r hyn a roesoch i mewn yn dal ar y sgrin, a bydd yn cael ei gadw eto gyda'ch newid nesaf.</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/case_read_page.py" line="284"/>
        <source>Not started</source>
        <translation>Heb ddechrau</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/case_read_page.py" line="287"/>
        <source>Reopen</source>
        <translation>Ailagor</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/case_read_page.py" line="240"/>
        <source>Saved at %1</source>
        <translation>Cadwyd am %1</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/case_read_page.py" line="155"/>
        <source>Standards</source>
        <translation>Safonau</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/case_read_page.py" line="156"/>
        <source>What is missing</source>
        <translation>Beth sydd ar goll</translation>
    </message>
</context>
<context>
    <name>ExchangeActions</name>
    <message>
        <location filename="../../hmip_desktop/ui/views/exchange_actions.py" line="59"/>
        <source>Bundle written to %1: %2 case reads, %3 changed since the last export.</source>
        <translation>Ysgrifennwyd y bwndel i %1: darlleniadau achos: %2; wedi newid ers yr allforio diwethaf: %3.</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/exchange_actions.py" line="38"/>
        <source>Bundles (*.bundle)</source>
        <translation>Bwndeli (*.bundle)</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/exchange_actions.py" line="38"/>
        <source>Export bundle</source>
        <translation>Allforio bwndel</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/exchange_actions.py" line="54"/>
        <source>Exporting the bundle…</source>
        <translation>Wrthi'n allforio'r bwndel…</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/exchange_actions.py" line="68"/>
        <source>Import receipt</source>
        <translation>Mewnforio derbynneb</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/exchange_actions.py" line="82"/>
        <source>Importing the receipt…</source>
        <translation>Wrthi'n mewnforio'r dderbynneb…</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/exchange_actions.py" line="94"/>
        <source>Not done</source>
        <translation>Heb ei wneud</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/exchange_actions.py" line="87"/>
        <source>Receipt recorded: the central store holds %1 case read(s) as you sent them.</source>
        <translation>Cofnodwyd y dderbynneb: mae'r storfa ganolog yn dal %1 darlleniad achos fel y'u hanfonwyd gennych.</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/exchange_actions.py" line="68"/>
        <source>Receipts (*.receipt)</source>
        <translation>Derbynebau (*.receipt)</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/exchange_actions.py" line="90"/>
        <source>This receipt was recorded before: nothing changed.</source>
        <translation>Cofnodwyd y dderbynneb hon o'r blaen: ni newidiodd dim.</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/exchange_actions.py" line="26"/>
        <source>Your key folder</source>
        <translation>Ffolder eich allwedd</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../hmip_desktop/ui/views/main_window.py" line="412"/>
        <source>%1 change(s) could not be saved. Close anyway and lose them?</source>
        <translation>Nid oedd modd cadw %1 newid. Cau beth bynnag a'u colli?</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/main_window.py" line="133"/>
        <source>&amp;Case list</source>
        <translation>&amp;Rhestr achosion</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/main_window.py" line="139"/>
        <source>&amp;Check audit trail…</source>
        <translation>&amp;Gwirio'r trywydd archwilio…</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/main_window.py" line="128"/>
        <source>&amp;Edit</source>
        <translation>&amp;Golygu</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/main_window.py" line="139"/>
        <source>&amp;Export bundle…</source>
        <translation>&amp;Allforio bwndel…</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/main_window.py" line="127"/>
        <source>&amp;File</source>
        <translation>&amp;Ffeil</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/main_window.py" line="134"/>
        <source>&amp;Find case</source>
        <translation>&amp;Canfod achos</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/main_window.py" line="129"/>
        <source>&amp;Go</source>
        <translation>&amp;Mynd</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/main_window.py" line="131"/>
        <source>&amp;Help</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/main_window.py" line="138"/>
        <source>&amp;Keyboard shortcuts</source>
        <translation>&amp;Llwybrau byr bysellfwrdd</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/main_window.py" line="130"/>
        <source>&amp;Language</source>
        <translation>&amp;Iaith</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/main_window.py" line="137"/>
        <source>&amp;Mark complete or reopen</source>
        <translation>&amp;Marcio'n gyflawn neu ailagor</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/main_window.py" line="136"/>
        <source>&amp;Next case</source>
        <translation>&amp;Achos nesaf</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/main_window.py" line="135"/>
        <source>&amp;Previous question</source>
        <translation>Cwestiwn &amp;blaenorol</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/main_window.py" line="138"/>
        <source>&amp;Quit</source>
        <translation>&amp;Gadael</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/main_window.py" line="133"/>
        <source>&amp;Redo</source>
        <translation>&amp;Ailwneud</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/main_window.py" line="133"/>
        <source>&amp;Undo</source>
        <translation>&amp;Dadwneud</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/main_window.py" line="292"/>
        <source>All changes saved</source>
        <translation>Cadwyd pob newid</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/main_window.py" line="397"/>
        <source>Answer a judgement</source>
        <translation>Rhoi barn</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/main_window.py" line="384"/>
        <source>Audit check cancelled.</source>
        <translation>Diddymwyd y gwiriad archwilio.</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/main_window.py" line="378"/>
        <source>Audit trail broken at event %1.</source>
        <translation>Mae'r trywydd archwilio wedi'i dorri wrth ddigwyddiad %1.</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/main_window.py" line="376"/>
        <source>Audit trail intact: %1 events.</source>
        <translation>Mae'r trywydd archwilio'n gyfan: %1 digwyddiad.</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/main_window.py" line="199"/>
        <source>Cannot open the field store</source>
        <translation>Methu agor y storfa maes</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/main_window.py" line="292"/>
        <location filename="../../hmip_desktop/ui/views/main_window.py" line="411"/>
        <source>Changes not saved</source>
        <translation>Newidiadau heb eu cadw</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/main_window.py" line="369"/>
        <source>Checking the audit trail…</source>
        <translation>Wrthi'n gwirio'r trywydd archwilio…</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/main_window.py" line="398"/>
        <source>Clear an answer</source>
        <translation>Clirio ateb</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/main_window.py" line="398"/>
        <source>Delete</source>
        <translation>Delete</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/main_window.py" line="140"/>
        <source>Import &amp;receipt…</source>
        <translation>Mewnforio &amp;derbynneb…</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/main_window.py" line="400"/>
        <source>Keyboard shortcuts</source>
        <translation>Llwybrau byr bysellfwrdd</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/main_window.py" line="134"/>
        <source>Next &amp;question</source>
        <translation>Cwestiwn &amp;nesaf</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/main_window.py" line="135"/>
        <source>Next &amp;standard</source>
        <translation>&amp;Safon nesaf</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/main_window.py" line="302"/>
        <source>Nothing to undo or redo</source>
        <translation>Dim byd i'w ddadwneud na'i ailwneud</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/main_window.py" line="136"/>
        <source>P&amp;revious standard</source>
        <translation>Safon b&amp;laenorol</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/main_window.py" line="137"/>
        <source>Pre&amp;vious case</source>
        <translation>Achos bla&amp;enorol</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/main_window.py" line="292"/>
        <source>Saving…</source>
        <translation>Yn cadw…</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/main_window.py" line="397"/>
        <source>Y, N, A or 1–9</source>
        <translation>Y, N, A neu 1–9</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/main_window.py" line="126"/>
        <source>hmip-desktop: case reading</source>
        <translation>hmip-desktop: darllen achosion</translation>
    </message>
</context>
<context>
    <name>Ops</name>
    <message>
        <location filename="../../hmip_desktop/ui/ops.py" line="136"/>
        <source>Cancel</source>
        <translation>Canslo</translation>
    </message>
</context>
<context>
    <name>ProfilePanel</name>
    <message>
        <location filename="../../hmip_desktop/ui/views/profile_panel.py" line="84"/>
        <source>Case holder interview</source>
        <translation>Cyfweliad â deiliad yr achos</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/profile_panel.py" line="78"/>
        <source>Case profile</source>
        <translation>Proffil yr achos</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/profile_panel.py" line="88"/>
        <source>Date</source>
        <translation>Dyddiad</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/profile_panel.py" line="89"/>
        <source>Interview date</source>
        <translation>Dyddiad y cyfweliad</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/profile_panel.py" line="87"/>
        <source>Interview held</source>
        <translation>Cynhaliwyd cyfweliad</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/profile_panel.py" line="85"/>
        <source>Interview held *</source>
        <translation>Cynhaliwyd cyfweliad *</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/profile_panel.py" line="91"/>
        <source>Interview notes</source>
        <translation>Nodiadau'r cyfweliad</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/profile_panel.py" line="90"/>
        <source>Notes</source>
        <translation>Nodiadau</translation>
    </message>
</context>
<context>
    <name>QuestionWidget</name>
    <message>
        <location filename="../../hmip_desktop/ui/views/question_widget.py" line="114"/>
        <source>A judgement is needed.</source>
        <translation>Mae angen barn.</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/question_widget.py" line="114"/>
        <source>An answer is needed.</source>
        <translation>Mae angen ateb.</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/question_widget.py" line="116"/>
        <source>An evidence note is needed.</source>
        <translation>Mae angen nodyn tystiolaeth.</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/question_widget.py" line="87"/>
        <source>Evidence note (optional)</source>
        <translation>Nodyn tystiolaeth (dewisol)</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/question_widget.py" line="87"/>
        <source>Evidence note (required)</source>
        <translation>Nodyn tystiolaeth (gofynnol)</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/question_widget.py" line="88"/>
        <source>Evidence note for %1</source>
        <translation>Nodyn tystiolaeth ar gyfer %1</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/question_widget.py" line="82"/>
        <source>Prompts</source>
        <translation>Ysgogiadau</translation>
    </message>
</context>
<context>
    <name>SetupWizard</name>
    <message>
        <location filename="../../hmip_desktop/ui/views/setup_wizard.py" line="265"/>
        <source>Allocation and replacements</source>
        <translation>Dyraniad ac amnewid</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/setup_wizard.py" line="42"/>
        <source>Browse for %1</source>
        <translation>Pori am %1</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/setup_wizard.py" line="41"/>
        <source>Browse…</source>
        <translation>Pori…</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/setup_wizard.py" line="169"/>
        <source>CSV files (*.csv)</source>
        <translation>Ffeiliau CSV (*.csv)</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/setup_wizard.py" line="271"/>
        <source>Case</source>
        <translation>Achos</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/setup_wizard.py" line="236"/>
        <source>Caseload</source>
        <translation>Llwyth achosion</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/setup_wizard.py" line="212"/>
        <source>Caseload (CSV or XLSX)</source>
        <translation>Llwyth achosion (CSV neu XLSX)</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/setup_wizard.py" line="205"/>
        <source>Caseload and sample</source>
        <translation>Llwyth achosion a sampl</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/setup_wizard.py" line="211"/>
        <source>Caseload file</source>
        <translation>Ffeil y llwyth achosion</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/setup_wizard.py" line="236"/>
        <source>Caseloads (*.csv *.xlsx)</source>
        <translation>Llwythi achosion (*.csv *.xlsx)</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/setup_wizard.py" line="92"/>
        <location filename="../../hmip_desktop/ui/views/setup_wizard.py" line="93"/>
        <location filename="../../hmip_desktop/ui/views/setup_wizard.py" line="112"/>
        <source>Central store</source>
        <translation>Storfa ganolog</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/setup_wizard.py" line="112"/>
        <source>Central store (*.sqlite)</source>
        <translation>Storfa ganolog (*.sqlite)</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/setup_wizard.py" line="266"/>
        <source>Change a reader, or replace a case that cannot be read with the next reserve.</source>
        <translation>Newidiwch ddarllenydd, neu rhowch yr achos wrth gefn nesaf yn lle achos na ellir ei ddarllen.</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/setup_wizard.py" line="88"/>
        <source>Choose the central store, the framework and the inspection's details.</source>
        <translation>Dewiswch y storfa ganolog, y fframwaith a manylion yr arolygiad.</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/setup_wizard.py" line="344"/>
        <source>Create the pack</source>
        <translation>Creu'r pecyn</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/setup_wizard.py" line="379"/>
        <source>Creating the pack…</source>
        <translation>Wrthi'n creu'r pecyn…</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/setup_wizard.py" line="224"/>
        <source>Draw the sample</source>
        <translation>Tynnu'r sampl</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/setup_wizard.py" line="249"/>
        <source>Drawing the sample…</source>
        <translation>Wrthi'n tynnu'r sampl…</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/setup_wizard.py" line="102"/>
        <source>Fieldwork ends (YYYY-MM-DD)</source>
        <translation>Diwedd y gwaith maes (BBBB-MM-DD)</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/setup_wizard.py" line="102"/>
        <source>Fieldwork starts (YYYY-MM-DD)</source>
        <translation>Dechrau'r gwaith maes (BBBB-MM-DD)</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/setup_wizard.py" line="96"/>
        <location filename="../../hmip_desktop/ui/views/setup_wizard.py" line="99"/>
        <source>Framework</source>
        <translation>Fframwaith</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/setup_wizard.py" line="163"/>
        <source>Id</source>
        <translation>Dynodydd</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/setup_wizard.py" line="101"/>
        <source>Inspection id</source>
        <translation>Dynodydd yr arolygiad</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/setup_wizard.py" line="362"/>
        <source>Inspection packs (*.pack)</source>
        <translation>Pecynnau arolygiad (*.pack)</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/setup_wizard.py" line="163"/>
        <source>Key</source>
        <translation>Allwedd</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/setup_wizard.py" line="157"/>
        <source>Load team CSV…</source>
        <translation>Llwytho CSV y tîm…</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/setup_wizard.py" line="206"/>
        <source>Load the provider's caseload, check the size, and draw the sample.</source>
        <translation>Llwythwch ffeil llwyth achosion y darparwr, gwiriwch y maint, a thynnwch y sampl.</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/setup_wizard.py" line="155"/>
        <source>Load the team from a CSV file with the columns id, name, role and key_id.</source>
        <translation>Llwythwch y tîm o ffeil CSV sydd â'r colofnau id, name, role a key_id.</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/setup_wizard.py" line="163"/>
        <source>Name</source>
        <translation>Enw</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/setup_wizard.py" line="72"/>
        <source>Not done</source>
        <translation>Heb ei wneud</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/setup_wizard.py" line="383"/>
        <source>Pack saved. Give the team this fingerprint to trust when they import it: %1</source>
        <translation>Cadwyd y pecyn. Rhowch yr ôl bys hwn i'r tîm, er mwyn iddynt ymddiried ynddo wrth fewnforio'r pecyn: %1</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/setup_wizard.py" line="101"/>
        <source>Provider</source>
        <translation>Darparwr</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/setup_wizard.py" line="216"/>
        <location filename="../../hmip_desktop/ui/views/setup_wizard.py" line="217"/>
        <source>Random seed</source>
        <translation>Hedyn hap</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/setup_wizard.py" line="271"/>
        <source>Reader</source>
        <translation>Darllenydd</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/setup_wizard.py" line="297"/>
        <source>Reader of case %1</source>
        <translation>Darllenydd achos %1</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/setup_wizard.py" line="323"/>
        <source>Replace a case</source>
        <translation>Amnewid achos</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/setup_wizard.py" line="274"/>
        <source>Replace the selected case…</source>
        <translation>Amnewid yr achos a ddewiswyd…</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/setup_wizard.py" line="163"/>
        <source>Role</source>
        <translation>Rôl</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/setup_wizard.py" line="270"/>
        <source>Sample and readers</source>
        <translation>Sampl a darllenwyr</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/setup_wizard.py" line="231"/>
        <source>Sample report</source>
        <translation>Adroddiad y sampl</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/setup_wizard.py" line="221"/>
        <location filename="../../hmip_desktop/ui/views/setup_wizard.py" line="222"/>
        <source>Sample size</source>
        <translation>Maint y sampl</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/setup_wizard.py" line="342"/>
        <location filename="../../hmip_desktop/ui/views/setup_wizard.py" line="343"/>
        <location filename="../../hmip_desktop/ui/views/setup_wizard.py" line="361"/>
        <source>Save the pack as</source>
        <translation>Cadw'r pecyn fel</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/setup_wizard.py" line="52"/>
        <source>Set up an inspection</source>
        <translation>Sefydlu arolygiad</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/setup_wizard.py" line="334"/>
        <source>Sign the pack with your lead inspector key and save it for the team.</source>
        <translation>Llofnodwch y pecyn â'ch allwedd fel arolygydd arweiniol, a'i gadw ar gyfer y tîm.</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/setup_wizard.py" line="271"/>
        <source>Stratum</source>
        <translation>Haen</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/setup_wizard.py" line="162"/>
        <location filename="../../hmip_desktop/ui/views/setup_wizard.py" line="169"/>
        <source>Team</source>
        <translation>Tîm</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/setup_wizard.py" line="87"/>
        <source>The inspection</source>
        <translation>Yr arolygiad</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/setup_wizard.py" line="333"/>
        <source>The inspection pack</source>
        <translation>Pecyn yr arolygiad</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/setup_wizard.py" line="154"/>
        <source>The team</source>
        <translation>Y tîm</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/setup_wizard.py" line="101"/>
        <source>Title</source>
        <translation>Teitl</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/setup_wizard.py" line="324"/>
        <source>Why can case %1 not be read?</source>
        <translation>Pam na ellir darllen achos %1?</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/setup_wizard.py" line="338"/>
        <location filename="../../hmip_desktop/ui/views/setup_wizard.py" line="339"/>
        <location filename="../../hmip_desktop/ui/views/setup_wizard.py" line="356"/>
        <source>Your key folder</source>
        <translation>Ffolder eich allwedd</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/setup_wizard.py" line="220"/>
        <source>automatic</source>
        <translation>awtomatig</translation>
    </message>
</context>
</TS>
